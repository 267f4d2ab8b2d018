from enum import StrEnum


class ChannelsVideosListSort(StrEnum):
    NEWEST = "newest"
    VIEWS = "views"

    def __str__(self) -> str:
        return str(self.value)
