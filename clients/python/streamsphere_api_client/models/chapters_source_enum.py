from enum import StrEnum


class ChaptersSourceEnum(StrEnum):
    CUSTOM = "custom"
    DESCRIPTION = "description"

    def __str__(self) -> str:
        return str(self.value)
