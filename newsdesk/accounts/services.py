"""Writes of staff sign-in: the sign-in log, lockouts lifted, two-factor enrolment and use."""

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from newsdesk.accounts import otp
from newsdesk.accounts.models import RecoveryCode, SignInAttempt, TwoFactor
from newsdesk.accounts.throttle import username_key
from newsdesk.newsroom.models import AuditEntry
from newsdesk.newsroom.services import audit_record

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger("newsdesk.accounts")


def attempt_record(*, username: str, address: str, outcome: str, user: "User | None" = None) -> SignInAttempt:
    """Log an attempt that reached a check. Signing in clears that address's failures on the account."""
    now = timezone.now()
    name = username_key(username)
    with transaction.atomic():
        if outcome == SignInAttempt.Outcome.SIGNED_IN:
            SignInAttempt.objects.filter(
                username=name, address=address, outcome__in=SignInAttempt.FAILURES, cleared_at=None
            ).update(cleared_at=now)
        attempt = SignInAttempt.objects.create(at=now, username=name, user=user, address=address, outcome=outcome)
    log.info("sign-in %s: %r from %s", outcome, name, address)
    return attempt


def lockout_lift(*, attempts: QuerySet[SignInAttempt], by: "User", whole_address: bool = False) -> int:
    """Clear the failures that lock these attempts' accounts out at their addresses (or,
    with `whole_address`, everything those addresses tried). Returns how many were cleared."""
    pairs = set(attempts.values_list("username", "address"))
    if not pairs:
        return 0
    match = Q()
    for username, address in pairs:
        match |= Q(address=address) if whole_address else Q(username=username, address=address)
    lifted = SignInAttempt.objects.filter(match, outcome__in=SignInAttempt.FAILURES, cleared_at=None).update(
        cleared_at=timezone.now()
    )
    if whole_address:
        described = ", ".join(sorted({address for _username, address in pairs}))
    else:
        described = ", ".join(f"{username} @ {address}" for username, address in sorted(pairs))
    audit_record(
        actor=by, action=AuditEntry.Action.PERMISSIONS_CHANGED, target="sign-in lockout lifted", message=described
    )
    log.warning("sign-in lockout lifted by %s: %s (%d failures cleared)", by, described, lifted)
    return lifted


def attempts_forget(*, now: datetime | None = None, keep_days: int) -> int:
    """Delete the sign-in log older than `keep_days` (the worker calls this)."""
    now = now or timezone.now()
    deleted, _ = SignInAttempt.objects.filter(at__lt=now - timedelta(days=keep_days)).delete()
    return deleted


# Two-factor


def two_factor_enrolled(user: "User") -> bool:
    return TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).exists()


def two_factor_start(*, user: "User") -> str:
    """Begin (or begin again) an enrolment: a new secret, not yet in force. Returns it, to show once."""
    secret = otp.secret_new()
    with transaction.atomic():
        device = TwoFactor.objects.select_for_update().filter(user=user).first()
        if device is not None and device.confirmed_at is not None:
            raise ValueError("two-factor sign-in is already on")
        TwoFactor.objects.update_or_create(
            user=user,
            defaults={"encrypted_secret": otp.secret_encrypt(secret), "created_at": timezone.now(), "last_step": 0},
        )
    return secret


def two_factor_confirm(*, user: "User", code: str) -> list[str] | None:
    """Turn two-factor on if `code` matches the enrolment under way; returns the new
    recovery codes (shown once), or None when the code is wrong."""
    with transaction.atomic():
        device = TwoFactor.objects.select_for_update().filter(user=user, confirmed_at=None).first()
        if device is None:
            return None
        secret = otp.secret_decrypt(device.encrypted_secret)
        step = otp.matching_step(secret, code) if secret else None
        if step is None:
            return None
        device.confirmed_at, device.last_step = timezone.now(), step
        device.save(update_fields=["confirmed_at", "last_step"])
        codes = _recovery_codes_replace(user=user)
    log.warning("two-factor sign-in turned on for %s", user)
    return codes


def _recovery_codes_replace(*, user: "User") -> list[str]:
    codes = otp.recovery_codes_new()
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, digest=otp.recovery_digest(code, user_id=user.pk)) for code in codes]
    )
    return codes


def two_factor_verify(*, user: "User", code: str) -> str | None:
    """Check a sign-in code: a TOTP code (never the same step twice) or an unused recovery
    code (used up by this). Returns "totp" or "recovery" when it is good, None when not."""
    if otp.looks_like_totp(code):
        device = TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).first()
        if device is None:
            return None
        secret = otp.secret_decrypt(device.encrypted_secret)
        step = otp.matching_step(secret, code) if secret else None
        if step is None:
            return None
        # Only one request can move last_step past this step: a replayed code finds it taken.
        taken = TwoFactor.objects.filter(pk=device.pk, last_step__lt=step).update(last_step=step)
        return "totp" if taken else None
    digests = otp.recovery_digests(code, user_id=user.pk)
    match = RecoveryCode.objects.filter(user=user, digest__in=digests, used_at=None).first()
    if match is None:
        return None
    used = RecoveryCode.objects.filter(pk=match.pk, used_at=None).update(used_at=timezone.now())
    if not used:
        return None
    log.warning("recovery code used by %s", user)
    return "recovery"


def recovery_codes_renew(*, user: "User", code: str) -> list[str] | None:
    """New recovery codes (the old ones stop working), if `code` from the authenticator is good."""
    if not otp.looks_like_totp(code) or two_factor_verify(user=user, code=code) is None:
        return None
    with transaction.atomic():
        codes = _recovery_codes_replace(user=user)
    log.warning("recovery codes renewed by %s", user)
    return codes


def two_factor_turn_off(*, user: "User", by: "User") -> None:
    """Remove a staff member's authenticator and recovery codes (they enrol again next time)."""
    with transaction.atomic():
        TwoFactor.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
    if by.pk != user.pk:
        audit_record(
            actor=by, action=AuditEntry.Action.PERMISSIONS_CHANGED, target=str(user), message="two-factor turned off"
        )
    log.warning("two-factor sign-in turned off for %s by %s", user, by)
