from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.daily_figures import DailyFigures
    from ..models.sentiment import Sentiment


T = TypeVar("T", bound="Analytics")


@_attrs_define
class Analytics:
    """
    Attributes:
        id (str):
        title (str):
        duration (float | None):
        views (int):
        likes (int):
        comments (int):
        watch_time_seconds (int):
        average_view_seconds (float):
        sentiment (Sentiment):
        daily (list[DailyFigures]): The last 28 days, oldest first.
        retention (list[float]): Share of counted views still watching at each percent of the duration.
    """

    id: str
    title: str
    duration: float | None
    views: int
    likes: int
    comments: int
    watch_time_seconds: int
    average_view_seconds: float
    sentiment: Sentiment
    daily: list[DailyFigures]
    retention: list[float]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        duration: float | None
        duration = self.duration

        views = self.views

        likes = self.likes

        comments = self.comments

        watch_time_seconds = self.watch_time_seconds

        average_view_seconds = self.average_view_seconds

        sentiment = self.sentiment.to_dict()

        daily = []
        for daily_item_data in self.daily:
            daily_item = daily_item_data.to_dict()
            daily.append(daily_item)

        retention = self.retention

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "duration": duration,
                "views": views,
                "likes": likes,
                "comments": comments,
                "watch_time_seconds": watch_time_seconds,
                "average_view_seconds": average_view_seconds,
                "sentiment": sentiment,
                "daily": daily,
                "retention": retention,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.daily_figures import DailyFigures  # noqa: PLC0415
        from ..models.sentiment import Sentiment  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        def _parse_duration(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        duration = _parse_duration(d.pop("duration"))

        views = d.pop("views")

        likes = d.pop("likes")

        comments = d.pop("comments")

        watch_time_seconds = d.pop("watch_time_seconds")

        average_view_seconds = d.pop("average_view_seconds")

        sentiment = Sentiment.from_dict(d.pop("sentiment"))

        daily = []
        _daily = d.pop("daily")
        for daily_item_data in _daily:
            daily_item = DailyFigures.from_dict(daily_item_data)

            daily.append(daily_item)

        retention = cast(list[float], d.pop("retention"))

        analytics = cls(
            id=id,
            title=title,
            duration=duration,
            views=views,
            likes=likes,
            comments=comments,
            watch_time_seconds=watch_time_seconds,
            average_view_seconds=average_view_seconds,
            sentiment=sentiment,
            daily=daily,
            retention=retention,
        )

        analytics.additional_properties = d
        return analytics

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
