from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ItemPutRequest")


@_attrs_define
class ItemPutRequest:
    """
    Attributes:
        position (int | Unset): 0-based place among the items; omitted or past the end means last. An item already in
            the playlist moves there, or stays put when omitted.
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

        item_put_request = cls(
            position=position,
        )

        return item_put_request
