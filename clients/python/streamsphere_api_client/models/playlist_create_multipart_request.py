from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..models.visibility_enum import VisibilityEnum
from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="PlaylistCreateMultipartRequest")


@_attrs_define
class PlaylistCreateMultipartRequest:
    """
    Attributes:
        name (str): 1 to 150 characters, not all blank; leading and trailing spaces are trimmed.
        description (str | Unset):
        visibility (VisibilityEnum | Unset): * `public` - public
            * `unlisted` - unlisted
            * `private` - private
        thumbnail (File | Unset): JPEG, PNG, WebP or GIF, at most 5 MB, 16 to 4096 pixels per side.
    """

    name: str
    description: str | Unset = UNSET
    visibility: VisibilityEnum | Unset = UNSET
    thumbnail: File | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        visibility: str | Unset = UNSET
        if not isinstance(self.visibility, Unset):
            visibility = self.visibility.value

        thumbnail: FileTypes | Unset = UNSET
        if not isinstance(self.thumbnail, Unset):
            thumbnail = self.thumbnail.to_tuple()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if visibility is not UNSET:
            field_dict["visibility"] = visibility
        if thumbnail is not UNSET:
            field_dict["thumbnail"] = thumbnail

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("name", (None, str(self.name).encode(), "text/plain")))

        if not isinstance(self.description, Unset):
            files.append(("description", (None, str(self.description).encode(), "text/plain")))

        if not isinstance(self.visibility, Unset):
            files.append(("visibility", (None, str(self.visibility.value).encode(), "text/plain")))

        if not isinstance(self.thumbnail, Unset):
            files.append(("thumbnail", self.thumbnail.to_tuple()))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        _visibility = d.pop("visibility", UNSET)
        visibility: VisibilityEnum | Unset
        if isinstance(_visibility, Unset):
            visibility = UNSET
        else:
            visibility = VisibilityEnum(_visibility)

        _thumbnail = d.pop("thumbnail", UNSET)
        thumbnail: File | Unset
        if isinstance(_thumbnail, Unset):
            thumbnail = UNSET
        else:
            thumbnail = File(payload=BytesIO(_thumbnail))

        playlist_create_multipart_request = cls(
            name=name,
            description=description,
            visibility=visibility,
            thumbnail=thumbnail,
        )

        return playlist_create_multipart_request
