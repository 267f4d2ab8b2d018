from enum import StrEnum


class NotificationTargetTypeEnum(StrEnum):
    CHANNEL = "channel"
    COMMENT = "comment"
    TWEET = "tweet"
    USER = "user"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
