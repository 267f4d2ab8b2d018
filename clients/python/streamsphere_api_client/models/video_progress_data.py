from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.video_status_enum import VideoStatusEnum

T = TypeVar("T", bound="VideoProgressData")


@_attrs_define
class VideoProgressData:
    """
    Attributes:
        id (str): One of my items.
        status (VideoStatusEnum): * `draft` - draft
            * `uploaded` - uploaded
            * `processing` - processing
            * `ready` - ready
            * `failed` - failed
        progress (float): 0 to 100.
    """

    id: str
    status: VideoStatusEnum
    progress: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        progress = self.progress

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "progress": progress,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        status = VideoStatusEnum(d.pop("status"))

        progress = d.pop("progress")

        video_progress_data = cls(
            id=id,
            status=status,
            progress=progress,
        )

        video_progress_data.additional_properties = d
        return video_progress_data

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
