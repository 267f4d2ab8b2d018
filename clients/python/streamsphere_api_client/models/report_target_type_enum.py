from enum import StrEnum


class ReportTargetTypeEnum(StrEnum):
    COMMENT = "comment"
    TWEET = "tweet"
    USER = "user"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
