from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.video import Video


T = TypeVar("T", bound="LikedVideo")


@_attrs_define
class LikedVideo:
    """
    Attributes:
        video (Video): An item as its viewers see it; needs the context from selectors.serializer_context.
        liked_at (datetime.datetime):
    """

    video: Video
    liked_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        video = self.video.to_dict()

        liked_at = self.liked_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "video": video,
                "liked_at": liked_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.video import Video  # noqa: PLC0415

        d = dict(src_dict)
        video = Video.from_dict(d.pop("video"))

        liked_at = datetime.datetime.fromisoformat(d.pop("liked_at"))

        liked_video = cls(
            video=video,
            liked_at=liked_at,
        )

        liked_video.additional_properties = d
        return liked_video

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
