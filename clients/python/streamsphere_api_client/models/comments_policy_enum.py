from enum import StrEnum


class CommentsPolicyEnum(StrEnum):
    APPROVAL = "approval"
    DISABLED = "disabled"
    ENABLED = "enabled"

    def __str__(self) -> str:
        return str(self.value)
