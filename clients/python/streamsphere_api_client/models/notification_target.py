from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notification_target_type_enum import NotificationTargetTypeEnum

T = TypeVar("T", bound="NotificationTarget")


@_attrs_define
class NotificationTarget:
    """What a notification is about: `type` names which kind of thing `id` is.

    Attributes:
        type_ (NotificationTargetTypeEnum): * `video` - video
            * `tweet` - tweet
            * `channel` - channel
            * `comment` - comment
            * `user` - user
        id (str):
        title (str):
    """

    type_: NotificationTargetTypeEnum
    id: str
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        id = self.id

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = NotificationTargetTypeEnum(d.pop("type"))

        id = d.pop("id")

        title = d.pop("title")

        notification_target = cls(
            type_=type_,
            id=id,
            title=title,
        )

        notification_target.additional_properties = d
        return notification_target

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
