from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kind_channels_patch_request import KindChannelsPatchRequest


T = TypeVar("T", bound="PatchedNotificationSettingsPatchRequest")


@_attrs_define
class PatchedNotificationSettingsPatchRequest:
    """
    Attributes:
        new_video (KindChannelsPatchRequest | Unset):
        new_tweet (KindChannelsPatchRequest | Unset):
        comment (KindChannelsPatchRequest | Unset):
        reply (KindChannelsPatchRequest | Unset):
        mention (KindChannelsPatchRequest | Unset):
        like_milestone (KindChannelsPatchRequest | Unset):
        new_subscriber (KindChannelsPatchRequest | Unset):
        report_resolved (KindChannelsPatchRequest | Unset):
        comment_held (KindChannelsPatchRequest | Unset):
        video_ready (KindChannelsPatchRequest | Unset):
        video_failed (KindChannelsPatchRequest | Unset):
    """

    new_video: KindChannelsPatchRequest | Unset = UNSET
    new_tweet: KindChannelsPatchRequest | Unset = UNSET
    comment: KindChannelsPatchRequest | Unset = UNSET
    reply: KindChannelsPatchRequest | Unset = UNSET
    mention: KindChannelsPatchRequest | Unset = UNSET
    like_milestone: KindChannelsPatchRequest | Unset = UNSET
    new_subscriber: KindChannelsPatchRequest | Unset = UNSET
    report_resolved: KindChannelsPatchRequest | Unset = UNSET
    comment_held: KindChannelsPatchRequest | Unset = UNSET
    video_ready: KindChannelsPatchRequest | Unset = UNSET
    video_failed: KindChannelsPatchRequest | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        new_video: dict[str, Any] | Unset = UNSET
        if not isinstance(self.new_video, Unset):
            new_video = self.new_video.to_dict()

        new_tweet: dict[str, Any] | Unset = UNSET
        if not isinstance(self.new_tweet, Unset):
            new_tweet = self.new_tweet.to_dict()

        comment: dict[str, Any] | Unset = UNSET
        if not isinstance(self.comment, Unset):
            comment = self.comment.to_dict()

        reply: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reply, Unset):
            reply = self.reply.to_dict()

        mention: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mention, Unset):
            mention = self.mention.to_dict()

        like_milestone: dict[str, Any] | Unset = UNSET
        if not isinstance(self.like_milestone, Unset):
            like_milestone = self.like_milestone.to_dict()

        new_subscriber: dict[str, Any] | Unset = UNSET
        if not isinstance(self.new_subscriber, Unset):
            new_subscriber = self.new_subscriber.to_dict()

        report_resolved: dict[str, Any] | Unset = UNSET
        if not isinstance(self.report_resolved, Unset):
            report_resolved = self.report_resolved.to_dict()

        comment_held: dict[str, Any] | Unset = UNSET
        if not isinstance(self.comment_held, Unset):
            comment_held = self.comment_held.to_dict()

        video_ready: dict[str, Any] | Unset = UNSET
        if not isinstance(self.video_ready, Unset):
            video_ready = self.video_ready.to_dict()

        video_failed: dict[str, Any] | Unset = UNSET
        if not isinstance(self.video_failed, Unset):
            video_failed = self.video_failed.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if new_video is not UNSET:
            field_dict["new_video"] = new_video
        if new_tweet is not UNSET:
            field_dict["new_tweet"] = new_tweet
        if comment is not UNSET:
            field_dict["comment"] = comment
        if reply is not UNSET:
            field_dict["reply"] = reply
        if mention is not UNSET:
            field_dict["mention"] = mention
        if like_milestone is not UNSET:
            field_dict["like_milestone"] = like_milestone
        if new_subscriber is not UNSET:
            field_dict["new_subscriber"] = new_subscriber
        if report_resolved is not UNSET:
            field_dict["report_resolved"] = report_resolved
        if comment_held is not UNSET:
            field_dict["comment_held"] = comment_held
        if video_ready is not UNSET:
            field_dict["video_ready"] = video_ready
        if video_failed is not UNSET:
            field_dict["video_failed"] = video_failed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.kind_channels_patch_request import KindChannelsPatchRequest  # noqa: PLC0415

        d = dict(src_dict)
        _new_video = d.pop("new_video", UNSET)
        new_video: KindChannelsPatchRequest | Unset
        if isinstance(_new_video, Unset):
            new_video = UNSET
        else:
            new_video = KindChannelsPatchRequest.from_dict(_new_video)

        _new_tweet = d.pop("new_tweet", UNSET)
        new_tweet: KindChannelsPatchRequest | Unset
        if isinstance(_new_tweet, Unset):
            new_tweet = UNSET
        else:
            new_tweet = KindChannelsPatchRequest.from_dict(_new_tweet)

        _comment = d.pop("comment", UNSET)
        comment: KindChannelsPatchRequest | Unset
        if isinstance(_comment, Unset):
            comment = UNSET
        else:
            comment = KindChannelsPatchRequest.from_dict(_comment)

        _reply = d.pop("reply", UNSET)
        reply: KindChannelsPatchRequest | Unset
        if isinstance(_reply, Unset):
            reply = UNSET
        else:
            reply = KindChannelsPatchRequest.from_dict(_reply)

        _mention = d.pop("mention", UNSET)
        mention: KindChannelsPatchRequest | Unset
        if isinstance(_mention, Unset):
            mention = UNSET
        else:
            mention = KindChannelsPatchRequest.from_dict(_mention)

        _like_milestone = d.pop("like_milestone", UNSET)
        like_milestone: KindChannelsPatchRequest | Unset
        if isinstance(_like_milestone, Unset):
            like_milestone = UNSET
        else:
            like_milestone = KindChannelsPatchRequest.from_dict(_like_milestone)

        _new_subscriber = d.pop("new_subscriber", UNSET)
        new_subscriber: KindChannelsPatchRequest | Unset
        if isinstance(_new_subscriber, Unset):
            new_subscriber = UNSET
        else:
            new_subscriber = KindChannelsPatchRequest.from_dict(_new_subscriber)

        _report_resolved = d.pop("report_resolved", UNSET)
        report_resolved: KindChannelsPatchRequest | Unset
        if isinstance(_report_resolved, Unset):
            report_resolved = UNSET
        else:
            report_resolved = KindChannelsPatchRequest.from_dict(_report_resolved)

        _comment_held = d.pop("comment_held", UNSET)
        comment_held: KindChannelsPatchRequest | Unset
        if isinstance(_comment_held, Unset):
            comment_held = UNSET
        else:
            comment_held = KindChannelsPatchRequest.from_dict(_comment_held)

        _video_ready = d.pop("video_ready", UNSET)
        video_ready: KindChannelsPatchRequest | Unset
        if isinstance(_video_ready, Unset):
            video_ready = UNSET
        else:
            video_ready = KindChannelsPatchRequest.from_dict(_video_ready)

        _video_failed = d.pop("video_failed", UNSET)
        video_failed: KindChannelsPatchRequest | Unset
        if isinstance(_video_failed, Unset):
            video_failed = UNSET
        else:
            video_failed = KindChannelsPatchRequest.from_dict(_video_failed)

        patched_notification_settings_patch_request = cls(
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

        return patched_notification_settings_patch_request
