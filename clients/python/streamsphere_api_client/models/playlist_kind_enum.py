from enum import StrEnum


class PlaylistKindEnum(StrEnum):
    REGULAR = "regular"
    WATCH_LATER = "watch_later"

    def __str__(self) -> str:
        return str(self.value)
