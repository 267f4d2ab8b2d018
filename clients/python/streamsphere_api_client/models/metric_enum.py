from enum import StrEnum


class MetricEnum(StrEnum):
    LIKES = "likes"
    SUBSCRIBERS = "subscribers"
    VIEWS = "views"
    WATCH_TIME = "watch_time"

    def __str__(self) -> str:
        return str(self.value)
