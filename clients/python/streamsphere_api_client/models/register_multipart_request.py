from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="RegisterMultipartRequest")


@_attrs_define
class RegisterMultipartRequest:
    """
    Attributes:
        username (str): 3 to 30 letters, digits, underscores or dots, not starting with a dot.
        email (str):
        full_name (str):
        password (str): 8 to 128 characters, not only digits, not a commonly used password.
        avatar (File | Unset): JPEG, PNG, WebP or GIF, at most 5 MB, 16 to 4096 pixels per side.
        cover_image (File | Unset): JPEG, PNG, WebP or GIF, at most 5 MB, 16 to 4096 pixels per side.
    """

    username: str
    email: str
    full_name: str
    password: str
    avatar: File | Unset = UNSET
    cover_image: File | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        email = self.email

        full_name = self.full_name

        password = self.password

        avatar: FileTypes | Unset = UNSET
        if not isinstance(self.avatar, Unset):
            avatar = self.avatar.to_tuple()

        cover_image: FileTypes | Unset = UNSET
        if not isinstance(self.cover_image, Unset):
            cover_image = self.cover_image.to_tuple()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "username": username,
                "email": email,
                "full_name": full_name,
                "password": password,
            }
        )
        if avatar is not UNSET:
            field_dict["avatar"] = avatar
        if cover_image is not UNSET:
            field_dict["cover_image"] = cover_image

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("username", (None, str(self.username).encode(), "text/plain")))

        files.append(("email", (None, str(self.email).encode(), "text/plain")))

        files.append(("full_name", (None, str(self.full_name).encode(), "text/plain")))

        files.append(("password", (None, str(self.password).encode(), "text/plain")))

        if not isinstance(self.avatar, Unset):
            files.append(("avatar", self.avatar.to_tuple()))

        if not isinstance(self.cover_image, Unset):
            files.append(("cover_image", self.cover_image.to_tuple()))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        username = d.pop("username")

        email = d.pop("email")

        full_name = d.pop("full_name")

        password = d.pop("password")

        _avatar = d.pop("avatar", UNSET)
        avatar: File | Unset
        if isinstance(_avatar, Unset):
            avatar = UNSET
        else:
            avatar = File(payload=BytesIO(_avatar))

        _cover_image = d.pop("cover_image", UNSET)
        cover_image: File | Unset
        if isinstance(_cover_image, Unset):
            cover_image = UNSET
        else:
            cover_image = File(payload=BytesIO(_cover_image))

        register_multipart_request = cls(
            username=username,
            email=email,
            full_name=full_name,
            password=password,
            avatar=avatar,
            cover_image=cover_image,
        )

        return register_multipart_request
