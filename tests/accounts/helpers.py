"""Two-factor for test accounts, through the services, as a person enrolling would."""

from dataclasses import dataclass

from newsdesk.accounts import otp, services


@dataclass
class Authenticator:
    """What a staff member's phone knows: the secret; and the recovery codes they printed."""

    secret: str
    recovery_codes: list[str]

    def code(self, steps_ahead: int = 1) -> str:
        # Enrolment used the current step; a sign-in code must be a later one (never twice).
        return otp.code_at(self.secret, otp.current_step() + steps_ahead)


def two_factor_on(user) -> Authenticator:
    secret = services.two_factor_start(user=user)
    codes = services.two_factor_confirm(user=user, code=otp.code_at(secret, otp.current_step()))
    assert codes is not None
    return Authenticator(secret=secret, recovery_codes=codes)
