from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CommentCreateRequest")


@_attrs_define
class CommentCreateRequest:
    """
    Attributes:
        content (str): 1 to 1000 characters after trimming.
        parent (str | Unset): Id of the comment this replies to; a reply to a reply joins its thread.
    """

    content: str
    parent: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        parent = self.parent

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content": content,
            }
        )
        if parent is not UNSET:
            field_dict["parent"] = parent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content = d.pop("content")

        parent = d.pop("parent", UNSET)

        comment_create_request = cls(
            content=content,
            parent=parent,
        )

        return comment_create_request
