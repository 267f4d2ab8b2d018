"""Rate limits on the account endpoints attackers like best."""

from accounts import selectors
from accounts.addresses import NotAnAddress, canonical_email
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


class EmailThrottle(DataFieldThrottle):
    """One bucket per address, whichever spelling of it the request uses."""

    field = "email"

    def identity(self, request, view) -> str | None:
        email = super().identity(request, view)
        if email is None:
            return None
        try:
            return canonical_email(email)
        except NotAnAddress:
            return email


class OtpVerifyThrottle(EmailThrottle):
    scope = "otp_verify"


class OtpResendThrottle(EmailThrottle):
    scope = "otp_resend"
