from enum import StrEnum


class VideosListWindow(StrEnum):
    VALUE_0 = "24h"
    VALUE_1 = "30d"
    VALUE_2 = "7d"

    def __str__(self) -> str:
        return str(self.value)
