"""Staff sign-in records: the sign-in log that throttling counts, and two-factor devices."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignInAttempt(models.Model):
    """One sign-in attempt that got as far as a password or code check, or a reset request.

    Attempts refused by the throttle are not stored (a flood writes nothing); they are logged.
    """

    class Outcome(models.TextChoices):
        WRONG_PASSWORD = "password", _("wrong password")
        WRONG_CODE = "code", _("wrong two-factor code")
        SIGNED_IN = "signed_in", _("signed in")
        RESET_ASKED = "reset", _("password reset asked")

    FAILURES = (Outcome.WRONG_PASSWORD, Outcome.WRONG_CODE)

    at = models.DateTimeField(_("when"), default=timezone.now)
    # As typed, case-folded: the throttle counts names whether or not an account has them.
    username = models.CharField(_("user name"), max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    address = models.CharField(_("address"), max_length=64)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome)
    # A failure no longer counts once a chief editor lifts the lockout or the account signs in.
    cleared_at = models.DateTimeField(_("lockout lifted at"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("sign-in attempt")
        verbose_name_plural = _("sign-in attempts")
        permissions = [("lift_lockout", _("Can lift a sign-in lockout"))]
        indexes = [
            models.Index(fields=["username", "at"], name="signin_by_username"),
            models.Index(fields=["address", "at"], name="signin_by_address"),
            models.Index(fields=["at"], name="signin_by_time"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.address} {self.outcome}"


class TwoFactor(models.Model):
    """A staff member's authenticator (TOTP, RFC 6238).

    The secret is encrypted with a key derived from SECRET_KEY (`otp.py`): a database
    dump alone does not give it away. Until `confirmed_at` it is only an enrolment under way.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor")
    encrypted_secret = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last 30-second step a code was accepted for: a code is never accepted twice.
    last_step = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("two-factor sign-in")
        verbose_name_plural = _("two-factor sign-ins")

    def __str__(self) -> str:
        return str(self.user)


class RecoveryCode(models.Model):
    """A single-use code for signing in without the authenticator; only its keyed digest is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "digest"], name="recovery_by_user_digest")]

    def __str__(self) -> str:
        return f"{self.user} {'used' if self.used_at else 'unused'}"


class StaffPreferences(models.Model):
    """What a person chose for their own back office: its language, for now."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences", verbose_name=_("staff account")
    )
    language = models.CharField(_("back-office language"), max_length=10, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")

    def __str__(self) -> str:
        return str(self.user)


class Invitation(models.Model):
    """A person asked to join the back office: who asked, when it was last sent, when they
    chose their password (the link in the mail works until then, and for a few days)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitation", verbose_name=_("staff account")
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    sent_at = models.DateTimeField(_("last sent at"), default=timezone.now)
    times_sent = models.PositiveSmallIntegerField(_("times sent"), default=1)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None
