from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.video import Video


T = TypeVar("T", bound="HistoryEntry")


@_attrs_define
class HistoryEntry:
    """
    Attributes:
        video (Video): An item as its viewers see it; needs the context from selectors.serializer_context.
        watched_at (datetime.datetime):
        position (float | None):
    """

    video: Video
    watched_at: datetime.datetime
    position: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        video = self.video.to_dict()

        watched_at = self.watched_at.isoformat()

        position: float | None
        position = self.position

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "video": video,
                "watched_at": watched_at,
                "position": position,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.video import Video  # noqa: PLC0415

        d = dict(src_dict)
        video = Video.from_dict(d.pop("video"))

        watched_at = datetime.datetime.fromisoformat(d.pop("watched_at"))

        def _parse_position(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        position = _parse_position(d.pop("position"))

        history_entry = cls(
            video=video,
            watched_at=watched_at,
            position=position,
        )

        history_entry.additional_properties = d
        return history_entry

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
