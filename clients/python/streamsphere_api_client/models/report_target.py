from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.report_target_type_enum import ReportTargetTypeEnum

T = TypeVar("T", bound="ReportTarget")


@_attrs_define
class ReportTarget:
    """What a report is about: `type` names which kind of thing `id` is.

    Attributes:
        type_ (ReportTargetTypeEnum): * `video` - video
            * `comment` - comment
            * `tweet` - tweet
            * `user` - user
        id (str):
    """

    type_: ReportTargetTypeEnum
    id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = ReportTargetTypeEnum(d.pop("type"))

        id = d.pop("id")

        report_target = cls(
            type_=type_,
            id=id,
        )

        report_target.additional_properties = d
        return report_target

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
