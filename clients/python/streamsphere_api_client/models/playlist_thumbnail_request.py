from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..types import File

T = TypeVar("T", bound="PlaylistThumbnailRequest")


@_attrs_define
class PlaylistThumbnailRequest:
    """
    Attributes:
        thumbnail (File): JPEG, PNG, WebP or GIF, at most 5 MB, 16 to 4096 pixels per side.
    """

    thumbnail: File

    def to_dict(self) -> dict[str, Any]:
        thumbnail = self.thumbnail.to_tuple()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "thumbnail": thumbnail,
            }
        )

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("thumbnail", self.thumbnail.to_tuple()))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        thumbnail = File(payload=BytesIO(d.pop("thumbnail")))

        playlist_thumbnail_request = cls(
            thumbnail=thumbnail,
        )

        return playlist_thumbnail_request
