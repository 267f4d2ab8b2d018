from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..types import File

T = TypeVar("T", bound="AvatarUploadRequest")


@_attrs_define
class AvatarUploadRequest:
    """
    Attributes:
        avatar (File): JPEG, PNG, WebP or GIF, at most 5 MB, 16 to 4096 pixels per side.
    """

    avatar: File

    def to_dict(self) -> dict[str, Any]:
        avatar = self.avatar.to_tuple()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "avatar": avatar,
            }
        )

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("avatar", self.avatar.to_tuple()))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        avatar = File(payload=BytesIO(d.pop("avatar")))

        avatar_upload_request = cls(
            avatar=avatar,
        )

        return avatar_upload_request
