from enum import StrEnum


class AuthTokenRefreshCreateXAuthCookies(StrEnum):
    OMIT = "omit"

    def __str__(self) -> str:
        return str(self.value)
