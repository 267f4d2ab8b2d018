from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.category_enum import CategoryEnum
from ..models.report_target_type_enum import ReportTargetTypeEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReportWriteRequest")


@_attrs_define
class ReportWriteRequest:
    """
    Attributes:
        target_type (ReportTargetTypeEnum): * `video` - video
            * `comment` - comment
            * `tweet` - tweet
            * `user` - user
        target_id (str): The target's id (for a user, the user's id).
        category (CategoryEnum): * `spam` - spam
            * `harassment` - harassment
            * `hate` - hate
            * `violence` - violence
            * `sexual` - sexual
            * `copyright` - copyright
            * `misinformation` - misinformation
            * `other` - other
        reason (str | Unset): What is wrong, in your words: up to 1000 characters. Default: ''.
    """

    target_type: ReportTargetTypeEnum
    target_id: str
    category: CategoryEnum
    reason: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        target_type = self.target_type.value

        target_id = self.target_id

        category = self.category.value

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target_type": target_type,
                "target_id": target_id,
                "category": category,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target_type = ReportTargetTypeEnum(d.pop("target_type"))

        target_id = d.pop("target_id")

        category = CategoryEnum(d.pop("category"))

        reason = d.pop("reason", UNSET)

        report_write_request = cls(
            target_type=target_type,
            target_id=target_id,
            category=category,
            reason=reason,
        )

        return report_write_request
