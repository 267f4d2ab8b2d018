from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..types import File

T = TypeVar("T", bound="CoverImageUploadRequest")


@_attrs_define
class CoverImageUploadRequest:
    """
    Attributes:
        cover_image (File): JPEG, PNG, WebP or GIF, at most 5 MB, 16 to 4096 pixels per side.
    """

    cover_image: File

    def to_dict(self) -> dict[str, Any]:
        cover_image = self.cover_image.to_tuple()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cover_image": cover_image,
            }
        )

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("cover_image", self.cover_image.to_tuple()))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cover_image = File(payload=BytesIO(d.pop("cover_image")))

        cover_image_upload_request = cls(
            cover_image=cover_image,
        )

        return cover_image_upload_request
