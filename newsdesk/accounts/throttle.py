"""Who may try a password or a code now: counted in the sign-in log, in the database.

The rules (numbers from settings.STAFF_SIGNIN):

- one address, one account: after ACCOUNT_ADDRESS_LIMIT failures within the window, that
  address may not try that account until the oldest of them leaves the window (or a chief
  editor lifts the lockout). Other addresses, the real editor's among them, are not locked;
- one address, any names: after ADDRESS_LIMIT failures it may not try any account;
- one account, from everywhere: after ACCOUNT_SLOW_AFTER failures, one attempt per
  SLOW_SECONDS, except from an address it has signed in from in KNOWN_DAYS. Guessing from
  many addresses is slowed; the editor at their usual desk is not.

Counting in the database works the same on SQLite and PostgreSQL, with any cache, and
for every app server sharing the database. Only attempts that reached a password or
code check are stored, so a flood of refused attempts writes nothing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.accounts.models import SignInAttempt


@dataclass(frozen=True)
class Refusal:
    reason: str  # for the log: "account-address", "address", "account-slow" or "busy"
    message: str  # for the person, translated
    until: datetime | None = None


_LOCKED_ADDRESS = gettext_lazy(
    "Too many failed sign-ins from your address. Try again after %(time)s, or ask a chief editor to lift the lockout."
)
_LOCKED_ACCOUNT_AT_ADDRESS = gettext_lazy(
    "Too many failed sign-ins to this account from your address. Try again after %(time)s, "
    "or ask a chief editor to lift the lockout."
)


def username_key(username: str) -> str:
    """How the throttle names an account: trimmed and case-folded, so Editor is editor."""
    return username.strip().casefold()[:150]


def _rules() -> dict:
    return settings.STAFF_SIGNIN


def _failures(*, since: datetime) -> QuerySet[SignInAttempt]:
    return SignInAttempt.objects.filter(outcome__in=SignInAttempt.FAILURES, cleared_at=None, at__gte=since)


def _locked_until(failures: QuerySet[SignInAttempt], *, limit: int, window: timedelta) -> datetime | None:
    """When fewer than `limit` of these failures will be left in the window (None: already fewer)."""
    times = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
    if len(times) < limit:
        return None
    return times[-1] + window


def _local_time(at: datetime) -> str:
    """The agency's local time, rounded up to the minute: trying at that minute works."""
    return timezone.localtime(at + timedelta(seconds=59)).strftime("%H:%M")


def is_known_address(*, username: str, address: str, now: datetime) -> bool:
    since = now - timedelta(days=_rules()["KNOWN_DAYS"])
    return SignInAttempt.objects.filter(
        username=username_key(username), address=address, outcome=SignInAttempt.Outcome.SIGNED_IN, at__gte=since
    ).exists()


def signin_refusal(*, username: str, address: str, now: datetime | None = None) -> Refusal | None:
    """Why an attempt at `username` from `address` may not be checked now, or None if it may."""
    now = now or timezone.now()
    rules = _rules()
    window = timedelta(minutes=rules["WINDOW_MINUTES"])
    recent = _failures(since=now - window)
    name = username_key(username)

    lockouts = [
        ("address", recent.filter(address=address), rules["ADDRESS_LIMIT"], _LOCKED_ADDRESS),
        ("account-address", recent.filter(username=name, address=address), rules["ACCOUNT_ADDRESS_LIMIT"],
         _LOCKED_ACCOUNT_AT_ADDRESS),
    ]  # fmt: skip
    for reason, failures, limit, message in lockouts:
        until = _locked_until(failures, limit=limit, window=window)
        if until and until > now:
            return Refusal(reason, str(message) % {"time": _local_time(until)}, until)
    account = list(
        recent.filter(username=name).order_by("-at").values_list("at", flat=True)[: rules["ACCOUNT_SLOW_AFTER"]]
    )
    if len(account) >= rules["ACCOUNT_SLOW_AFTER"]:
        until = account[0] + timedelta(seconds=rules["SLOW_SECONDS"])
        if until > now and not is_known_address(username=username, address=address, now=now):
            return Refusal(
                "account-slow",
                _("This account has had many failed sign-ins lately. Try again after %(time)s.")
                % {"time": timezone.localtime(until).strftime("%H:%M:%S")},
                until,
            )
    return None


def busy_refusal() -> Refusal:
    return Refusal("busy", _("The back office is busy signing people in. Try again in a few seconds."))


def reset_allowed(*, address: str, now: datetime | None = None) -> bool:
    """Whether `address` may have another password reset mail sent (RESET_LIMIT per window)."""
    now = now or timezone.now()
    since = now - timedelta(minutes=_rules()["WINDOW_MINUTES"])
    asked = SignInAttempt.objects.filter(address=address, outcome=SignInAttempt.Outcome.RESET_ASKED, at__gte=since)
    return asked.count() < _rules()["RESET_LIMIT"]
