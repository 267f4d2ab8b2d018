from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CaptionTrack")


@_attrs_define
class CaptionTrack:
    """A caption track; needs `video` and `request` in the context.

    Attributes:
        lang (str): BCP 47 language tag, in its canonical case.
        label (str):
        format_ (str): vtt or srt, as uploaded.
        cues (int):
        url (None | str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    lang: str
    label: str
    format_: str
    cues: int
    url: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        lang = self.lang

        label = self.label

        format_ = self.format_

        cues = self.cues

        url: None | str
        url = self.url

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "lang": lang,
                "label": label,
                "format": format_,
                "cues": cues,
                "url": url,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        lang = d.pop("lang")

        label = d.pop("label")

        format_ = d.pop("format")

        cues = d.pop("cues")

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        caption_track = cls(
            lang=lang,
            label=label,
            format_=format_,
            cues=cues,
            url=url,
            created_at=created_at,
            updated_at=updated_at,
        )

        caption_track.additional_properties = d
        return caption_track

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
