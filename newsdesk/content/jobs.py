"""Content's periodic job, run by `manage.py worker` (lib/periodic.py)."""

import logging

from django.utils import timezone

from newsdesk.content.events import visibility_announce_due
from newsdesk.lib.periodic import periodic

log = logging.getLogger("newsdesk.worker")


@periodic(every=5)
def became_visible_announce() -> None:
    """Stories whose scheduled time came or whose embargo lifted, announced once each."""
    announced = visibility_announce_due(now=timezone.now())
    if announced:
        log.info("announced %d stories that became visible", announced)
