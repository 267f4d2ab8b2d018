from enum import StrEnum


class CategoryEnum(StrEnum):
    COPYRIGHT = "copyright"
    HARASSMENT = "harassment"
    HATE = "hate"
    MISINFORMATION = "misinformation"
    OTHER = "other"
    SEXUAL = "sexual"
    SPAM = "spam"
    VIOLENCE = "violence"

    def __str__(self) -> str:
        return str(self.value)
