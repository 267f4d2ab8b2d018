from enum import StrEnum


class ChannelsVideosListKind(StrEnum):
    AUDIO = "audio"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
