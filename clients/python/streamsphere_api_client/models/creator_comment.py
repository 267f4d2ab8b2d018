from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.comment_status_enum import CommentStatusEnum

if TYPE_CHECKING:
    from ..models.user import User


T = TypeVar("T", bound="CreatorComment")


@_attrs_define
class CreatorComment:
    """A comment in the creator's queue, with the title of the item it is on.

    Attributes:
        id (str):
        video (str):
        content (str):
        author (None | User):
        parent (None | str):
        reply_to (None | User):
        replies_count (int):
        likes (int):
        likes_count (int): The same figure as likes.
        is_liked (bool):
        sentiment (float): VADER compound score, -1 to 1.
        is_flagged (bool): The score is below the hold threshold.
        status (CommentStatusEnum): * `published` - published
            * `held` - held
            * `removed` - removed
        held_reason (None | str): Why it is held; only to its author and the item's owner.
        pinned (bool):
        edited (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        video_title (str):
    """

    id: str
    video: str
    content: str
    author: None | User
    parent: None | str
    reply_to: None | User
    replies_count: int
    likes: int
    likes_count: int
    is_liked: bool
    sentiment: float
    is_flagged: bool
    status: CommentStatusEnum
    held_reason: None | str
    pinned: bool
    edited: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    video_title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.user import User  # noqa: PLC0415

        id = self.id

        video = self.video

        content = self.content

        author: dict[str, Any] | None
        if isinstance(self.author, User):
            author = self.author.to_dict()
        else:
            author = self.author

        parent: None | str
        parent = self.parent

        reply_to: dict[str, Any] | None
        if isinstance(self.reply_to, User):
            reply_to = self.reply_to.to_dict()
        else:
            reply_to = self.reply_to

        replies_count = self.replies_count

        likes = self.likes

        likes_count = self.likes_count

        is_liked = self.is_liked

        sentiment = self.sentiment

        is_flagged = self.is_flagged

        status = self.status.value

        held_reason: None | str
        held_reason = self.held_reason

        pinned = self.pinned

        edited = self.edited

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        video_title = self.video_title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "video": video,
                "content": content,
                "author": author,
                "parent": parent,
                "reply_to": reply_to,
                "replies_count": replies_count,
                "likes": likes,
                "likes_count": likes_count,
                "is_liked": is_liked,
                "sentiment": sentiment,
                "is_flagged": is_flagged,
                "status": status,
                "held_reason": held_reason,
                "pinned": pinned,
                "edited": edited,
                "created_at": created_at,
                "updated_at": updated_at,
                "video_title": video_title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        video = d.pop("video")

        content = d.pop("content")

        def _parse_author(data: object) -> None | User:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                author_type_0 = User.from_dict(data)

                return author_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | User, data)

        author = _parse_author(d.pop("author"))

        def _parse_parent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent = _parse_parent(d.pop("parent"))

        def _parse_reply_to(data: object) -> None | User:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reply_to_type_0 = User.from_dict(data)

                return reply_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | User, data)

        reply_to = _parse_reply_to(d.pop("reply_to"))

        replies_count = d.pop("replies_count")

        likes = d.pop("likes")

        likes_count = d.pop("likes_count")

        is_liked = d.pop("is_liked")

        sentiment = d.pop("sentiment")

        is_flagged = d.pop("is_flagged")

        status = CommentStatusEnum(d.pop("status"))

        def _parse_held_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        held_reason = _parse_held_reason(d.pop("held_reason"))

        pinned = d.pop("pinned")

        edited = d.pop("edited")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        video_title = d.pop("video_title")

        creator_comment = cls(
            id=id,
            video=video,
            content=content,
            author=author,
            parent=parent,
            reply_to=reply_to,
            replies_count=replies_count,
            likes=likes,
            likes_count=likes_count,
            is_liked=is_liked,
            sentiment=sentiment,
            is_flagged=is_flagged,
            status=status,
            held_reason=held_reason,
            pinned=pinned,
            edited=edited,
            created_at=created_at,
            updated_at=updated_at,
            video_title=video_title,
        )

        creator_comment.additional_properties = d
        return creator_comment

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
