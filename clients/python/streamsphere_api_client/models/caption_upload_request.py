from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="CaptionUploadRequest")


@_attrs_define
class CaptionUploadRequest:
    """
    Attributes:
        file (File): A WebVTT or SRT file in UTF-8; stored as WebVTT.
        label (str | Unset): The name players show for this language (the language tag when omitted).
    """

    file: File
    label: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        label = self.label

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file": file,
            }
        )
        if label is not UNSET:
            field_dict["label"] = label

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.label, Unset):
            files.append(("label", (None, str(self.label).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        label = d.pop("label", UNSET)

        caption_upload_request = cls(
            file=file,
            label=label,
        )

        return caption_upload_request
