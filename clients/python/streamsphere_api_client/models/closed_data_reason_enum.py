from enum import StrEnum


class ClosedDataReasonEnum(StrEnum):
    REPLACED = "replaced"
    SIGNED_OUT = "signed_out"

    def __str__(self) -> str:
        return str(self.value)
