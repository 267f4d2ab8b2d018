from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.metric_enum import MetricEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.point import Point


T = TypeVar("T", bound="Timeseries")


@_attrs_define
class Timeseries:
    """
    Attributes:
        metric (MetricEnum): * `views` - views
            * `likes` - likes
            * `watch_time` - watch_time
            * `subscribers` - subscribers
        start (datetime.date):
        end (datetime.date):
        total (int):
        points (list[Point]):
        gained (int | Unset): Subscribers only.
        lost (int | Unset): Subscribers only.
    """

    metric: MetricEnum
    start: datetime.date
    end: datetime.date
    total: int
    points: list[Point]
    gained: int | Unset = UNSET
    lost: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metric = self.metric.value

        start = self.start.isoformat()

        end = self.end.isoformat()

        total = self.total

        points = []
        for points_item_data in self.points:
            points_item = points_item_data.to_dict()
            points.append(points_item)

        gained = self.gained

        lost = self.lost

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metric": metric,
                "start": start,
                "end": end,
                "total": total,
                "points": points,
            }
        )
        if gained is not UNSET:
            field_dict["gained"] = gained
        if lost is not UNSET:
            field_dict["lost"] = lost

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.point import Point  # noqa: PLC0415

        d = dict(src_dict)
        metric = MetricEnum(d.pop("metric"))

        start = datetime.date.fromisoformat(d.pop("start"))

        end = datetime.date.fromisoformat(d.pop("end"))

        total = d.pop("total")

        points = []
        _points = d.pop("points")
        for points_item_data in _points:
            points_item = Point.from_dict(points_item_data)

            points.append(points_item)

        gained = d.pop("gained", UNSET)

        lost = d.pop("lost", UNSET)

        timeseries = cls(
            metric=metric,
            start=start,
            end=end,
            total=total,
            points=points,
            gained=gained,
            lost=lost,
        )

        timeseries.additional_properties = d
        return timeseries

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
