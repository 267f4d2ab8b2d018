from enum import StrEnum


class AuthRegisterVerifyCreateXAuthCookies(StrEnum):
    OMIT = "omit"

    def __str__(self) -> str:
        return str(self.value)
