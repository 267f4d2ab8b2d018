from enum import StrEnum


class VideosCommentsListSort(StrEnum):
    NEWEST = "newest"
    TOP = "top"

    def __str__(self) -> str:
        return str(self.value)
