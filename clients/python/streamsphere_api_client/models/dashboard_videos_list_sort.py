from enum import StrEnum


class DashboardVideosListSort(StrEnum):
    LIKES = "likes"
    NEWEST = "newest"
    VIEWS = "views"

    def __str__(self) -> str:
        return str(self.value)
