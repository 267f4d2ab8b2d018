from enum import StrEnum


class SearchListKind(StrEnum):
    AUDIO = "audio"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
