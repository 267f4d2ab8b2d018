from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.video import Video


T = TypeVar("T", bound="PlaylistEntry")


@_attrs_define
class PlaylistEntry:
    """One item of a playlist, at its position among what the caller is shown.

    Attributes:
        position (int):
        added_at (datetime.datetime):
        video (Video): An item as its viewers see it; needs the context from selectors.serializer_context.
    """

    position: int
    added_at: datetime.datetime
    video: Video
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        position = self.position

        added_at = self.added_at.isoformat()

        video = self.video.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "position": position,
                "added_at": added_at,
                "video": video,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.video import Video  # noqa: PLC0415

        d = dict(src_dict)
        position = d.pop("position")

        added_at = datetime.datetime.fromisoformat(d.pop("added_at"))

        video = Video.from_dict(d.pop("video"))

        playlist_entry = cls(
            position=position,
            added_at=added_at,
            video=video,
        )

        playlist_entry.additional_properties = d
        return playlist_entry

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
