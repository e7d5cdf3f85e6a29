"""The newsroom's periodic job, run by `manage.py worker` (lib/periodic.py)."""

import logging

from newsdesk.lib.periodic import periodic
from newsdesk.newsroom.autosave import draft_copies_tidy, presence_tidy

log = logging.getLogger("newsdesk.worker")


@periodic(every=3600)
def autosave_tidy() -> None:
    """Presence of forms closed long ago, and autosaved copies nobody came back to."""
    log.info("tidied: %d presence rows, %d autosaved copies", presence_tidy(), draft_copies_tidy())
