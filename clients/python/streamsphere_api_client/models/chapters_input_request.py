from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.chapter_input_request import ChapterInputRequest


T = TypeVar("T", bound="ChaptersInputRequest")


@_attrs_define
class ChaptersInputRequest:
    """
    Attributes:
        chapters (list[ChapterInputRequest] | None): In order, the first at 0, at least three, each 10 s or longer; []
            for none; null to take them from the description again.
    """

    chapters: list[ChapterInputRequest] | None

    def to_dict(self) -> dict[str, Any]:
        chapters: list[dict[str, Any]] | None
        if isinstance(self.chapters, list):
            chapters = []
            for chapters_type_0_item_data in self.chapters:
                chapters_type_0_item = chapters_type_0_item_data.to_dict()
                chapters.append(chapters_type_0_item)

        else:
            chapters = self.chapters

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "chapters": chapters,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chapter_input_request import ChapterInputRequest  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_chapters(data: object) -> list[ChapterInputRequest] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                chapters_type_0 = []
                _chapters_type_0 = data
                for chapters_type_0_item_data in _chapters_type_0:
                    chapters_type_0_item = ChapterInputRequest.from_dict(chapters_type_0_item_data)

                    chapters_type_0.append(chapters_type_0_item)

                return chapters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ChapterInputRequest] | None, data)

        chapters = _parse_chapters(d.pop("chapters"))

        chapters_input_request = cls(
            chapters=chapters,
        )

        return chapters_input_request
