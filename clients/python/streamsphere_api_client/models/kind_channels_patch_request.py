from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="KindChannelsPatchRequest")


@_attrs_define
class KindChannelsPatchRequest:
    """
    Attributes:
        web (bool | Unset):
        email (bool | Unset):
    """

    web: bool | Unset = UNSET
    email: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        web = self.web

        email = self.email

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if web is not UNSET:
            field_dict["web"] = web
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        web = d.pop("web", UNSET)

        email = d.pop("email", UNSET)

        kind_channels_patch_request = cls(
            web=web,
            email=email,
        )

        return kind_channels_patch_request
