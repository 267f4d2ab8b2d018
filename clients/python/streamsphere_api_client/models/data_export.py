from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.data_export_status_enum import DataExportStatusEnum

T = TypeVar("T", bound="DataExport")


@_attrs_define
class DataExport:
    """My latest data export, and once it is ready the link to download its zip.

    Attributes:
        status (DataExportStatusEnum): * `queued` - queued
            * `running` - running
            * `ready` - ready
            * `failed` - failed
            * `expired` - expired
        requested_at (datetime.datetime):
        finished_at (datetime.datetime | None):
        size (int): Bytes of the zip.
        download_url (None | str): A signed link, no auth header needed, while the export is ready.
        expires_at (datetime.datetime | None): When the download link and the zip expire.
        next_export_at (datetime.datetime): When another export may be asked for.
    """

    status: DataExportStatusEnum
    requested_at: datetime.datetime
    finished_at: datetime.datetime | None
    size: int
    download_url: None | str
    expires_at: datetime.datetime | None
    next_export_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        requested_at = self.requested_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        size = self.size

        download_url: None | str
        download_url = self.download_url

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        next_export_at = self.next_export_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "requested_at": requested_at,
                "finished_at": finished_at,
                "size": size,
                "download_url": download_url,
                "expires_at": expires_at,
                "next_export_at": next_export_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = DataExportStatusEnum(d.pop("status"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        size = d.pop("size")

        def _parse_download_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        download_url = _parse_download_url(d.pop("download_url"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        next_export_at = datetime.datetime.fromisoformat(d.pop("next_export_at"))

        data_export = cls(
            status=status,
            requested_at=requested_at,
            finished_at=finished_at,
            size=size,
            download_url=download_url,
            expires_at=expires_at,
            next_export_at=next_export_at,
        )

        data_export.additional_properties = d
        return data_export

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
