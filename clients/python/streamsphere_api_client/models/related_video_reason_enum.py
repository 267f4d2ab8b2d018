from enum import StrEnum


class RelatedVideoReasonEnum(StrEnum):
    CHANNEL = "channel"
    CO_LIKE = "co_like"
    CO_WATCH = "co_watch"
    TAGS = "tags"

    def __str__(self) -> str:
        return str(self.value)
