"""The partner side's periodic jobs, run by `manage.py worker` (lib/periodic.py)."""

import logging

from newsdesk.lib.periodic import periodic
from newsdesk.partners.sender import deliveries_send
from newsdesk.partners.usage import usage_flush
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
