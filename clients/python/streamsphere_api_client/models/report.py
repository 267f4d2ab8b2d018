from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.category_enum import CategoryEnum
from ..models.report_status_enum import ReportStatusEnum
from ..models.report_target_type_enum import ReportTargetTypeEnum

if TYPE_CHECKING:
    from ..models.report_target import ReportTarget


T = TypeVar("T", bound="Report")


@_attrs_define
class Report:
    """A report as its reporter sees it.

    Attributes:
        id (str):
        target_type (ReportTargetTypeEnum): * `video` - video
            * `comment` - comment
            * `tweet` - tweet
            * `user` - user
        target_id (str):
        target (ReportTarget): What a report is about: `type` names which kind of thing `id` is.
        category (CategoryEnum): * `spam` - spam
            * `harassment` - harassment
            * `hate` - hate
            * `violence` - violence
            * `sexual` - sexual
            * `copyright` - copyright
            * `misinformation` - misinformation
            * `other` - other
        reason (str):
        status (ReportStatusEnum): * `open` - open
            * `resolved` - resolved
        created_at (datetime.datetime):
    """

    id: str
    target_type: ReportTargetTypeEnum
    target_id: str
    target: ReportTarget
    category: CategoryEnum
    reason: str
    status: ReportStatusEnum
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        target_type = self.target_type.value

        target_id = self.target_id

        target = self.target.to_dict()

        category = self.category.value

        reason = self.reason

        status = self.status.value

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "target_type": target_type,
                "target_id": target_id,
                "target": target,
                "category": category,
                "reason": reason,
                "status": status,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_target import ReportTarget  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        target_type = ReportTargetTypeEnum(d.pop("target_type"))

        target_id = d.pop("target_id")

        target = ReportTarget.from_dict(d.pop("target"))

        category = CategoryEnum(d.pop("category"))

        reason = d.pop("reason")

        status = ReportStatusEnum(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        report = cls(
            id=id,
            target_type=target_type,
            target_id=target_id,
            target=target,
            category=category,
            reason=reason,
            status=status,
            created_at=created_at,
        )

        report.additional_properties = d
        return report

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
