"""Syndication's periodic job, run by `manage.py worker` (lib/periodic.py)."""

from newsdesk.lib.periodic import periodic
from newsdesk.syndication.archive import archive_days_reconcile

# One GROUP BY over the visible stories: well under a second for 100,000 of them, a few
# seconds for a million on SQLite (its time zone conversion is a Python function per row).
RECONCILE_SECONDS = 15 * 60


@periodic(every=RECONCILE_SECONDS)
def archive_days_mend() -> None:
    """The days stale after a story's publication time moved, or an event missed: recounted."""
    archive_days_reconcile()
