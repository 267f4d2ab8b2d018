from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RegisterRequest")


@_attrs_define
class RegisterRequest:
    """As JSON; avatar, cover_image only in a multipart form (RegisterMultipartRequest).

    Attributes:
        username (str): 3 to 30 letters, digits, underscores or dots, not starting with a dot.
        email (str):
        full_name (str):
        password (str): 8 to 128 characters, not only digits, not a commonly used password.
    """

    username: str
    email: str
    full_name: str
    password: str

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        email = self.email

        full_name = self.full_name

        password = self.password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "username": username,
                "email": email,
                "full_name": full_name,
                "password": password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        username = d.pop("username")

        email = d.pop("email")

        full_name = d.pop("full_name")

        password = d.pop("password")

        register_request = cls(
            username=username,
            email=email,
            full_name=full_name,
            password=password,
        )

        return register_request
