from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="VerifyRequest")


@_attrs_define
class VerifyRequest:
    """
    Attributes:
        email (str):
        otp (str): The 6-digit code from the e-mail.
    """

    email: str
    otp: str

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        otp = self.otp

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "otp": otp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        otp = d.pop("otp")

        verify_request = cls(
            email=email,
            otp=otp,
        )

        return verify_request
