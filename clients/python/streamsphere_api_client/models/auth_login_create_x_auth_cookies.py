from enum import StrEnum


class AuthLoginCreateXAuthCookies(StrEnum):
    OMIT = "omit"

    def __str__(self) -> str:
        return str(self.value)
