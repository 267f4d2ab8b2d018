from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CounterData")


@_attrs_define
class CounterData:
    """
    Attributes:
        id (str): A watched item.
        views (int):
        likes (int):
        comments_count (int):
    """

    id: str
    views: int
    likes: int
    comments_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        views = self.views

        likes = self.likes

        comments_count = self.comments_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "views": views,
                "likes": likes,
                "comments_count": comments_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        views = d.pop("views")

        likes = d.pop("likes")

        comments_count = d.pop("comments_count")

        counter_data = cls(
            id=id,
            views=views,
            likes=likes,
            comments_count=comments_count,
        )

        counter_data.additional_properties = d
        return counter_data

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
