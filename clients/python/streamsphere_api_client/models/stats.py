from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Stats")


@_attrs_define
class Stats:
    """
    Attributes:
        videos (int):
        views (int):
        subscribers (int):
        likes (int):
        comments (int):
        watch_time_seconds (int):
    """

    videos: int
    views: int
    subscribers: int
    likes: int
    comments: int
    watch_time_seconds: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        videos = self.videos

        views = self.views

        subscribers = self.subscribers

        likes = self.likes

        comments = self.comments

        watch_time_seconds = self.watch_time_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "videos": videos,
                "views": views,
                "subscribers": subscribers,
                "likes": likes,
                "comments": comments,
                "watch_time_seconds": watch_time_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        videos = d.pop("videos")

        views = d.pop("views")

        subscribers = d.pop("subscribers")

        likes = d.pop("likes")

        comments = d.pop("comments")

        watch_time_seconds = d.pop("watch_time_seconds")

        stats = cls(
            videos=videos,
            views=views,
            subscribers=subscribers,
            likes=likes,
            comments=comments,
            watch_time_seconds=watch_time_seconds,
        )

        stats.additional_properties = d
        return stats

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
