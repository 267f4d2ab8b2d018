from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ViewInputRequest")


@_attrs_define
class ViewInputRequest:
    """
    Attributes:
        position (float | Unset): Seconds into the item: resumes it later, and how far the view got.
        watched_seconds (float | Unset): Seconds watched since the previous call; clamped to the wall time between them.
    """

    position: float | Unset = UNSET
    watched_seconds: float | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        position = self.position

        watched_seconds = self.watched_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if position is not UNSET:
            field_dict["position"] = position
        if watched_seconds is not UNSET:
            field_dict["watched_seconds"] = watched_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        position = d.pop("position", UNSET)

        watched_seconds = d.pop("watched_seconds", UNSET)

        view_input_request = cls(
            position=position,
            watched_seconds=watched_seconds,
        )

        return view_input_request
