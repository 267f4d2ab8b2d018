from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedItemMoveRequest")


@_attrs_define
class PatchedItemMoveRequest:
    """
    Attributes:
        position (int | Unset): 0-based place among the items; past the end means last. Omitted: the item stays where it
            is.
    """

    position: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        position = self.position

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if position is not UNSET:
            field_dict["position"] = position

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        position = d.pop("position", UNSET)

        patched_item_move_request = cls(
            position=position,
        )

        return patched_item_move_request
