from enum import StrEnum


class SearchListType(StrEnum):
    ALL = "all"
    CHANNELS = "channels"
    PLAYLISTS = "playlists"
    VIDEOS = "videos"

    def __str__(self) -> str:
        return str(self.value)
