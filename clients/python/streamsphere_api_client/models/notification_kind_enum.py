from enum import StrEnum


class NotificationKindEnum(StrEnum):
    COMMENT = "comment"
    COMMENT_HELD = "comment_held"
    LIKE_MILESTONE = "like_milestone"
    MENTION = "mention"
    NEW_SUBSCRIBER = "new_subscriber"
    NEW_TWEET = "new_tweet"
    NEW_VIDEO = "new_video"
    REPLY = "reply"
    REPORT_RESOLVED = "report_resolved"
    VIDEO_FAILED = "video_failed"
    VIDEO_READY = "video_ready"

    def __str__(self) -> str:
        return str(self.value)
