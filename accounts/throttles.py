"""Rate limits on the account endpoints attackers like best."""

from accounts import selectors
from common.api.throttling import AddressThrottle, DataFieldThrottle


class LoginAccountThrottle(DataFieldThrottle):
    """One bucket per account, whichever way the login names it (username or e-mail, any case or
    JSON type); a login naming no account gets a bucket of its own normalised text."""

    scope = "login_account"
    field = "login"

    def identity(self, request, view) -> str | None:
        login = super().identity(request, view)
        if login is None:
            return None
        user = selectors.user_by_login(login=login)
        return f"user:{user.id}" if user is not None else f"login:{login}"


class LoginAddressThrottle(AddressThrottle):
    scope = "login_address"


class RegisterThrottle(AddressThrottle):
    scope = "register"


class OtpVerifyThrottle(DataFieldThrottle):
    scope = "otp_verify"
    field = "email"


class OtpResendThrottle(DataFieldThrottle):
    scope = "otp_resend"
    field = "email"
