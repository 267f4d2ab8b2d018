from enum import StrEnum


class SearchListDuration(StrEnum):
    LONG = "long"
    MEDIUM = "medium"
    SHORT = "short"

    def __str__(self) -> str:
        return str(self.value)
