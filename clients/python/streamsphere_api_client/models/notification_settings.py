from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.kind_channels import KindChannels


T = TypeVar("T", bound="NotificationSettings")


@_attrs_define
class NotificationSettings:
    """
    Attributes:
        new_video (KindChannels):
        new_tweet (KindChannels):
        comment (KindChannels):
        reply (KindChannels):
        mention (KindChannels):
        like_milestone (KindChannels):
        new_subscriber (KindChannels):
        report_resolved (KindChannels):
        comment_held (KindChannels):
        video_ready (KindChannels):
        video_failed (KindChannels):
    """

    new_video: KindChannels
    new_tweet: KindChannels
    comment: KindChannels
    reply: KindChannels
    mention: KindChannels
    like_milestone: KindChannels
    new_subscriber: KindChannels
    report_resolved: KindChannels
    comment_held: KindChannels
    video_ready: KindChannels
    video_failed: KindChannels
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        new_video = self.new_video.to_dict()

        new_tweet = self.new_tweet.to_dict()

        comment = self.comment.to_dict()

        reply = self.reply.to_dict()

        mention = self.mention.to_dict()

        like_milestone = self.like_milestone.to_dict()

        new_subscriber = self.new_subscriber.to_dict()

        report_resolved = self.report_resolved.to_dict()

        comment_held = self.comment_held.to_dict()

        video_ready = self.video_ready.to_dict()

        video_failed = self.video_failed.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "new_video": new_video,
                "new_tweet": new_tweet,
                "comment": comment,
                "reply": reply,
                "mention": mention,
                "like_milestone": like_milestone,
                "new_subscriber": new_subscriber,
                "report_resolved": report_resolved,
                "comment_held": comment_held,
                "video_ready": video_ready,
                "video_failed": video_failed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.kind_channels import KindChannels  # noqa: PLC0415

        d = dict(src_dict)
        new_video = KindChannels.from_dict(d.pop("new_video"))

        new_tweet = KindChannels.from_dict(d.pop("new_tweet"))

        comment = KindChannels.from_dict(d.pop("comment"))

        reply = KindChannels.from_dict(d.pop("reply"))

        mention = KindChannels.from_dict(d.pop("mention"))

        like_milestone = KindChannels.from_dict(d.pop("like_milestone"))

        new_subscriber = KindChannels.from_dict(d.pop("new_subscriber"))

        report_resolved = KindChannels.from_dict(d.pop("report_resolved"))

        comment_held = KindChannels.from_dict(d.pop("comment_held"))

        video_ready = KindChannels.from_dict(d.pop("video_ready"))

        video_failed = KindChannels.from_dict(d.pop("video_failed"))

        notification_settings = cls(
            new_video=new_video,
            new_tweet=new_tweet,
            comment=comment,
            reply=reply,
            mention=mention,
            like_milestone=like_milestone,
            new_subscriber=new_subscriber,
            report_resolved=report_resolved,
            comment_held=comment_held,
            video_ready=video_ready,
            video_failed=video_failed,
        )

        notification_settings.additional_properties = d
        return notification_settings

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
