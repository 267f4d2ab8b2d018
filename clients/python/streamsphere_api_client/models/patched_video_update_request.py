from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.comments_policy_enum import CommentsPolicyEnum
from ..models.visibility_enum import VisibilityEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedVideoUpdateRequest")


@_attrs_define
class PatchedVideoUpdateRequest:
    """
    Attributes:
        title (str | Unset):
        description (str | Unset):
        tags (list[str] | Unset): Up to 15 tags of 30 characters; a form may repeat the field or use commas.
        genre (str | Unset):
        visibility (VisibilityEnum | Unset): * `public` - public
            * `unlisted` - unlisted
            * `private` - private
        published (bool | Unset): Publish as soon as processing ends (true), or keep as draft (false).
        comments_policy (CommentsPolicyEnum | Unset): * `enabled` - enabled
            * `approval` - approval
            * `disabled` - disabled
        hold_links (bool | Unset): Hold comments carrying links for my approval.
    """

    title: str | Unset = UNSET
    description: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    genre: str | Unset = UNSET
    visibility: VisibilityEnum | Unset = UNSET
    published: bool | Unset = UNSET
    comments_policy: CommentsPolicyEnum | Unset = UNSET
    hold_links: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        description = self.description

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        genre = self.genre

        visibility: str | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.value

        published = self.published

        comments_policy: str | Unset = UNSET
        if not isinstance(self.comments_policy, Unset):
            comments_policy = self.comments_policy.value

        hold_links = self.hold_links

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if tags is not UNSET:
            field_dict["tags"] = tags
        if genre is not UNSET:
            field_dict["genre"] = genre
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if published is not UNSET:
            field_dict["published"] = published
        if comments_policy is not UNSET:
            field_dict["comments_policy"] = comments_policy
        if hold_links is not UNSET:
            field_dict["hold_links"] = hold_links

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title", UNSET)

        description = d.pop("description", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        genre = d.pop("genre", UNSET)

        _visibility = d.pop("visibility", UNSET)
        visibility: VisibilityEnum | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = VisibilityEnum(_visibility)

        published = d.pop("published", UNSET)

        _comments_policy = d.pop("comments_policy", UNSET)
        comments_policy: CommentsPolicyEnum | Unset
        if isinstance(_comments_policy, Unset):
            comments_policy = UNSET
        else:
            comments_policy = CommentsPolicyEnum(_comments_policy)

        hold_links = d.pop("hold_links", UNSET)

        patched_video_update_request = cls(
            title=title,
            description=description,
            tags=tags,
            genre=genre,
            visibility=visibility,
            published=published,
            comments_policy=comments_policy,
            hold_links=hold_links,
        )

        return patched_video_update_request
