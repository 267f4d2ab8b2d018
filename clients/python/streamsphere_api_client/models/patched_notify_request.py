from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.notify_enum import NotifyEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedNotifyRequest")


@_attrs_define
class PatchedNotifyRequest:
    """
    Attributes:
        notify (NotifyEnum | Unset): * `all` - all
            * `none` - none
    """

    notify: NotifyEnum | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        notify: str | Unset = UNSET
        if not isinstance(self.notify, Unset):
            notify = self.notify.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if notify is not UNSET:
            field_dict["notify"] = notify

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _notify = d.pop("notify", UNSET)
        notify: NotifyEnum | Unset
        if isinstance(_notify, Unset):
            notify = UNSET
        else:
            notify = NotifyEnum(_notify)

        patched_notify_request = cls(
            notify=notify,
        )

        return patched_notify_request
