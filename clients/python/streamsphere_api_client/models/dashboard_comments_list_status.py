from enum import StrEnum


class DashboardCommentsListStatus(StrEnum):
    HELD = "held"
    PUBLISHED = "published"

    def __str__(self) -> str:
        return str(self.value)
