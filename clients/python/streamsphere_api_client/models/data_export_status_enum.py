from enum import StrEnum


class DataExportStatusEnum(StrEnum):
    EXPIRED = "expired"
    FAILED = "failed"
    QUEUED = "queued"
    READY = "ready"
    RUNNING = "running"

    def __str__(self) -> str:
        return str(self.value)
