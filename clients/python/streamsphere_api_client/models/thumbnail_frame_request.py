from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ThumbnailFrameRequest")


@_attrs_define
class ThumbnailFrameRequest:
    """
    Attributes:
        at (float): Seconds into the item: its frame there becomes the thumbnail (a candidate's `at` uses that
            candidate's picture). Past the end is a 400.
    """

    at: float

    def to_dict(self) -> dict[str, Any]:
        at = self.at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "at": at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = d.pop("at")

        thumbnail_frame_request = cls(
            at=at,
        )

        return thumbnail_frame_request
