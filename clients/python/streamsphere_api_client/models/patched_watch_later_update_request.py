from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedWatchLaterUpdateRequest")


@_attrs_define
class PatchedWatchLaterUpdateRequest:
    """Watch later keeps its name and visibility; only its description changes.

    Attributes:
        description (str | Unset):
    """

    description: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description", UNSET)

        patched_watch_later_update_request = cls(
            description=description,
        )

        return patched_watch_later_update_request
