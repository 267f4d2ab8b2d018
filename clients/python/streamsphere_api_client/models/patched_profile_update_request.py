from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedProfileUpdateRequest")


@_attrs_define
class PatchedProfileUpdateRequest:
    """
    Attributes:
        username (str | Unset): 3 to 30 letters, digits, underscores or dots, not starting with a dot.
        full_name (str | Unset):
    """

    username: str | Unset = UNSET
    full_name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        full_name = self.full_name

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if username is not UNSET:
            field_dict["username"] = username
        if full_name is not UNSET:
            field_dict["full_name"] = full_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        username = d.pop("username", UNSET)

        full_name = d.pop("full_name", UNSET)

        patched_profile_update_request = cls(
            username=username,
            full_name=full_name,
        )

        return patched_profile_update_request
