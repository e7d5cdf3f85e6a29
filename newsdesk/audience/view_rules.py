"""What counts as a view, whichever back end counts it: the outcomes, the per-reader rate
cap, and the caps per address and per network (`CAPS`). The back ends apply these rules
the same way: `database_counter` in SQL, `redis_counter` in one Lua script.
"""

import enum
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from newsdesk.audience.identity import Reader


class Outcome(enum.StrEnum):
    COUNTED = "counted"
    DUPLICATE = "duplicate"
    RATE_LIMITED = "rate_limited"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    views: int  # the article's total after this view, as every page should show it


class ViewOutcomeUnknown(Exception):
    """The view was sent to Redis and no answer came: Redis may have counted it. It is
    counted once Redis answers again (redis_counter.views_settle), not in the database."""


def rate_limit() -> int:
    """Distinct articles one reader may be counted for per minute; more is a machine."""
    return settings.NEWSDESK["VIEW_RATE_LIMIT"]


@dataclass(frozen=True)
class Cap:
    """At most `limit` views of one article counted from one address or one network in a
    minute or an hour of the clock, whatever user agents it sends (docs/security.md says
    how the defaults were chosen)."""

    scope: str  # "address" or "network"
    seconds: int
    setting: str

    @property
    def limit(self) -> int:
        return settings.NEWSDESK[self.setting]


CAPS = (
    Cap("address", 60, "VIEW_ADDRESS_PER_MINUTE"),
    Cap("address", 3600, "VIEW_ADDRESS_PER_HOUR"),
    Cap("network", 60, "VIEW_NETWORK_PER_MINUTE"),
    Cap("network", 3600, "VIEW_NETWORK_PER_HOUR"),
)


@dataclass(frozen=True)
class CapCounter:
    key: str
    limit: int
    keep_seconds: int  # the window, and as long again for a clock that is a little off


def cap_counters(*, reader: Reader, article_id: int, at: datetime) -> list[CapCounter]:
    """The counters a view of `article_id` by `reader` at `at` adds to, one per cap in force."""
    moment = int(at.timestamp())
    counters = []
    for cap in CAPS:
        who = reader.address if cap.scope == "address" else reader.network
        if who is None or cap.limit <= 0:
            continue
        key = f"{cap.scope[0]}{cap.seconds}:{who}:{article_id}:{moment // cap.seconds}"
        counters.append(CapCounter(key, cap.limit, 2 * cap.seconds))
    return counters
