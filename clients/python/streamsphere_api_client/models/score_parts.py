from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ScoreParts")


@_attrs_define
class ScoreParts:
    """
    Attributes:
        views (float):
        likes (float):
        comments (float):
        recency (float):
    """

    views: float
    likes: float
    comments: float
    recency: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        views = self.views

        likes = self.likes

        comments = self.comments

        recency = self.recency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "views": views,
                "likes": likes,
                "comments": comments,
                "recency": recency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        views = d.pop("views")

        likes = d.pop("likes")

        comments = d.pop("comments")

        recency = d.pop("recency")

        score_parts = cls(
            views=views,
            likes=likes,
            comments=comments,
            recency=recency,
        )

        score_parts.additional_properties = d
        return score_parts

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
