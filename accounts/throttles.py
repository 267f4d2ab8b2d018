"""Rate limits on the account endpoints attackers like best."""

from common.api.throttling import AddressThrottle, DataFieldThrottle


class LoginAccountThrottle(DataFieldThrottle):
    scope = "login_account"
    field = "login"


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
