from enum import StrEnum


class CommentStatusEnum(StrEnum):
    HELD = "held"
    PUBLISHED = "published"
    REMOVED = "removed"

    def __str__(self) -> str:
        return str(self.value)
