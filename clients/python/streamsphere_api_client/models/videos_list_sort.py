from enum import StrEnum


class VideosListSort(StrEnum):
    NEWEST = "newest"
    TRENDING = "trending"
    VIEWS = "views"

    def __str__(self) -> str:
        return str(self.value)
