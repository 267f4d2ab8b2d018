from enum import StrEnum


class VideoStatusEnum(StrEnum):
    DRAFT = "draft"
    FAILED = "failed"
    PROCESSING = "processing"
    READY = "ready"
    UPLOADED = "uploaded"

    def __str__(self) -> str:
        return str(self.value)
