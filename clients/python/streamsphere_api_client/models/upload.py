from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Upload")


@_attrs_define
class Upload:
    """A tus upload: tus clients read its headers; this body is for everyone else.

    Attributes:
        id (str):
        video_id (str):
        filename (str):
        length (int):
        offset (int):
        created_at (datetime.datetime):
        expires_at (datetime.datetime):
    """

    id: str
    video_id: str
    filename: str
    length: int
    offset: int
    created_at: datetime.datetime
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        video_id = self.video_id

        filename = self.filename

        length = self.length

        offset = self.offset

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "video_id": video_id,
                "filename": filename,
                "length": length,
                "offset": offset,
                "created_at": created_at,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        video_id = d.pop("video_id")

        filename = d.pop("filename")

        length = d.pop("length")

        offset = d.pop("offset")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        upload = cls(
            id=id,
            video_id=video_id,
            filename=filename,
            length=length,
            offset=offset,
            created_at=created_at,
            expires_at=expires_at,
        )

        upload.additional_properties = d
        return upload

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
