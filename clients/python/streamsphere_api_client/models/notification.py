from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notification_kind_enum import NotificationKindEnum

if TYPE_CHECKING:
    from ..models.notification_target import NotificationTarget
    from ..models.user import User


T = TypeVar("T", bound="Notification")


@_attrs_define
class Notification:
    """One inbox entry; needs the context from selectors.inbox_page.

    Attributes:
        id (str):
        kind (NotificationKindEnum): * `new_video` - new_video
            * `new_tweet` - new_tweet
            * `comment` - comment
            * `reply` - reply
            * `mention` - mention
            * `like_milestone` - like_milestone
            * `new_subscriber` - new_subscriber
            * `report_resolved` - report_resolved
            * `comment_held` - comment_held
            * `video_ready` - video_ready
            * `video_failed` - video_failed
        actor (None | User):
        target (NotificationTarget): What a notification is about: `type` names which kind of thing `id` is.
        comment_id (None | str): The comment it is about.
        read (bool):
        created_at (datetime.datetime):
    """

    id: str
    kind: NotificationKindEnum
    actor: None | User
    target: NotificationTarget
    comment_id: None | str
    read: bool
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.user import User  # noqa: PLC0415

        id = self.id

        kind = self.kind.value

        actor: dict[str, Any] | None
        if isinstance(self.actor, User):
            actor = self.actor.to_dict()
        else:
            actor = self.actor

        target = self.target.to_dict()

        comment_id: None | str
        comment_id = self.comment_id

        read = self.read

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "actor": actor,
                "target": target,
                "comment_id": comment_id,
                "read": read,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notification_target import NotificationTarget  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        kind = NotificationKindEnum(d.pop("kind"))

        def _parse_actor(data: object) -> None | User:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                actor_type_0 = User.from_dict(data)

                return actor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | User, data)

        actor = _parse_actor(d.pop("actor"))

        target = NotificationTarget.from_dict(d.pop("target"))

        def _parse_comment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment_id = _parse_comment_id(d.pop("comment_id"))

        read = d.pop("read")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        notification = cls(
            id=id,
            kind=kind,
            actor=actor,
            target=target,
            comment_id=comment_id,
            read=read,
            created_at=created_at,
        )

        notification.additional_properties = d
        return notification

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
