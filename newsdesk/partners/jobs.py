"""The partner side's periodic jobs, run by `manage.py worker` (lib/periodic.py)."""

import logging
from datetime import timedelta

from django.utils import timezone

from newsdesk.lib.periodic import periodic
from newsdesk.partners.sender import deliveries_send
from newsdesk.partners.usage import minutes_tidy, usage_flush
from newsdesk.partners.versions import pending_settle

log = logging.getLogger("newsdesk.worker")


@periodic(every=2)
def changes_settle() -> None:
    """Changes a stopped process noted but did not turn into versions and deliveries."""
    written = pending_settle()
    if written:
        log.info("settled %d story changes for partners", len(written))


# On a thread of its own: other servers' timeouts never hold up the counts' flush.
@periodic(every=2, alone=True)
def outbox_send() -> None:
    sent = deliveries_send()
    if sent:
        log.info("sent %d deliveries to partners and channels", sent)


@periodic(every=60)
def partner_usage_flush() -> None:
    usage_flush()


@periodic(every=600)
def rate_minutes_tidy() -> None:
    """The database's per-minute counts (no Redis) are needed for their minute only."""
    minutes_tidy(before=timezone.now() - timedelta(hours=1))
