from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedTweetWriteRequest")


@_attrs_define
class PatchedTweetWriteRequest:
    """
    Attributes:
        content (str | Unset): 1 to 280 characters after trimming.
    """

    content: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if content is not UNSET:
            field_dict["content"] = content

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content = d.pop("content", UNSET)

        patched_tweet_write_request = cls(
            content=content,
        )

        return patched_tweet_write_request
