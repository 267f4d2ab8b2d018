from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ChapterInputRequest")


@_attrs_define
class ChapterInputRequest:
    """
    Attributes:
        start (float): Seconds.
        title (str):
    """

    start: float
    title: str

    def to_dict(self) -> dict[str, Any]:
        start = self.start

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start": start,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        start = d.pop("start")

        title = d.pop("title")

        chapter_input_request = cls(
            start=start,
            title=title,
        )

        return chapter_input_request
