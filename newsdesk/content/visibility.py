"""When readers may see a story: the one rule, in its two forms.

A story is visible when it is published, its publication time has come and no embargo
holds it back. Scheduling is only a future `published_at`: nothing has to run at that
minute. Queries use the SQL form (a query condition); a row already read uses the Python
form; the search documents store the moment `visible_from` gives and compare it with now.
All are tested from one table of cases (tests/content/test_visibility.py, and
tests/search/test_index.py for the documents), so they cannot drift.
"""

from datetime import datetime

from django.db.models import Q

PUBLISHED = "published"


def visible_condition(*, now: datetime, prefix: str = "") -> Q:
    """The rule as a query condition; `prefix` ("article__") applies it through a
    relation, as a join rather than a subquery."""
    return Q(**{f"{prefix}status": PUBLISHED, f"{prefix}published_at__lte": now}) & (
        Q(**{f"{prefix}embargo_until__isnull": True}) | Q(**{f"{prefix}embargo_until__lte": now})
    )


def is_visible_at(*, now: datetime, status: str, published_at: datetime | None, embargo_until: datetime | None) -> bool:
    """The rule for a row already read."""
    return (
        status == PUBLISHED
        and published_at is not None
        and published_at <= now
        and (embargo_until is None or embargo_until <= now)
    )


def visible_from(*, status: str, published_at: datetime | None, embargo_until: datetime | None) -> datetime | None:
    """The moment a published story becomes visible, or None when it is not published."""
    if status != PUBLISHED or published_at is None:
        return None
    return max(published_at, embargo_until) if embargo_until is not None else published_at
