from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.user import User


T = TypeVar("T", bound="Tweet")


@_attrs_define
class Tweet:
    """A tweet as its readers see it; needs the context from selectors.tweet_context.

    Attributes:
        id (str):
        content (str):
        author (User): A user as anyone may see them.
        likes (int):
        likes_count (int): The same figure as likes.
        is_liked (bool):
        edited (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    content: str
    author: User
    likes: int
    likes_count: int
    is_liked: bool
    edited: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        content = self.content

        author = self.author.to_dict()

        likes = self.likes

        likes_count = self.likes_count

        is_liked = self.is_liked

        edited = self.edited

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "content": content,
                "author": author,
                "likes": likes,
                "likes_count": likes_count,
                "is_liked": is_liked,
                "edited": edited,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        content = d.pop("content")

        author = User.from_dict(d.pop("author"))

        likes = d.pop("likes")

        likes_count = d.pop("likes_count")

        is_liked = d.pop("is_liked")

        edited = d.pop("edited")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        tweet = cls(
            id=id,
            content=content,
            author=author,
            likes=likes,
            likes_count=likes_count,
            is_liked=is_liked,
            edited=edited,
            created_at=created_at,
            updated_at=updated_at,
        )

        tweet.additional_properties = d
        return tweet

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
