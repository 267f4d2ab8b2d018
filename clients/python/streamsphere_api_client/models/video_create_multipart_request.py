from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from .. import types
from ..models.comments_policy_enum import CommentsPolicyEnum
from ..models.kind_enum import KindEnum
from ..models.visibility_enum import VisibilityEnum
from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="VideoCreateMultipartRequest")


@_attrs_define
class VideoCreateMultipartRequest:
    """
    Attributes:
        title (str):
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
        kind (KindEnum | Unset): * `video` - video
            * `audio` - audio
        file (File | Unset): Video or audio file; without it the item is a draft.
        thumbnail (File | Unset): JPEG, PNG, WebP or GIF, at most 5 MB, 16 to 4096 pixels per side.
    """

    title: str
    description: str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    genre: str | Unset = UNSET
    visibility: VisibilityEnum | Unset = UNSET
    published: bool | Unset = UNSET
    comments_policy: CommentsPolicyEnum | Unset = UNSET
    hold_links: bool | Unset = UNSET
    kind: KindEnum | Unset = UNSET
    file: File | Unset = UNSET
    thumbnail: File | Unset = UNSET

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

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        file: FileTypes | Unset = UNSET
        if not isinstance(self.file, Unset):
            file = self.file.to_tuple()

        thumbnail: FileTypes | Unset = UNSET
        if not isinstance(self.thumbnail, Unset):
            thumbnail = self.thumbnail.to_tuple()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
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
        if kind is not UNSET:
            field_dict["kind"] = kind
        if file is not UNSET:
            field_dict["file"] = file
        if thumbnail is not UNSET:
            field_dict["thumbnail"] = thumbnail

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("title", (None, str(self.title).encode(), "text/plain")))

        if not isinstance(self.description, Unset):
            files.append(("description", (None, str(self.description).encode(), "text/plain")))

        if not isinstance(self.tags, Unset):
            for tags_item_element in self.tags:
                files.append(("tags", (None, str(tags_item_element).encode(), "text/plain")))

        if not isinstance(self.genre, Unset):
            files.append(("genre", (None, str(self.genre).encode(), "text/plain")))

        if not isinstance(self.visibility, Unset):
            files.append(("visibility", (None, str(self.visibility.value).encode(), "text/plain")))

        if not isinstance(self.published, Unset):
            files.append(("published", (None, str(self.published).encode(), "text/plain")))

        if not isinstance(self.comments_policy, Unset):
            files.append(("comments_policy", (None, str(self.comments_policy.value).encode(), "text/plain")))

        if not isinstance(self.hold_links, Unset):
            files.append(("hold_links", (None, str(self.hold_links).encode(), "text/plain")))

        if not isinstance(self.kind, Unset):
            files.append(("kind", (None, str(self.kind.value).encode(), "text/plain")))

        if not isinstance(self.file, Unset):
            files.append(("file", self.file.to_tuple()))

        if not isinstance(self.thumbnail, Unset):
            files.append(("thumbnail", self.thumbnail.to_tuple()))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

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

        _kind = d.pop("kind", UNSET)
        kind: KindEnum | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = KindEnum(_kind)

        _file = d.pop("file", UNSET)
        file: File | Unset
        if isinstance(_file, Unset):
            file = UNSET
        else:
            file = File(payload=BytesIO(_file))

        _thumbnail = d.pop("thumbnail", UNSET)
        thumbnail: File | Unset
        if isinstance(_thumbnail, Unset):
            thumbnail = UNSET
        else:
            thumbnail = File(payload=BytesIO(_thumbnail))

        video_create_multipart_request = cls(
            title=title,
            description=description,
            tags=tags,
            genre=genre,
            visibility=visibility,
            published=published,
            comments_policy=comments_policy,
            hold_links=hold_links,
            kind=kind,
            file=file,
            thumbnail=thumbnail,
        )

        return video_create_multipart_request
