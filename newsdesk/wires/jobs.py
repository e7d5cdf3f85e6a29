"""The wires' periodic jobs, run by `manage.py worker` (lib/periodic.py)."""

import logging

from newsdesk.lib.periodic import periodic
from newsdesk.wires.drop_folder import drop_folders_read, set_aside_forget
from newsdesk.wires.ingest import items_forget
from newsdesk.wires.polling import wires_poll_due

log = logging.getLogger("newsdesk.worker")


# On a thread of its own: other agencies' servers never hold up the counts' flush.
@periodic(every=10, alone=True)
def wires_poll() -> None:
    for polled in wires_poll_due():
        if polled.stored.new or polled.stored.updated:
            log.info("wire %s: %d new items, %d updated", polled.wire, polled.stored.new, polled.stored.updated)


@periodic(every=10, alone=True)
def wires_drop_folders() -> None:
    stored = drop_folders_read()
    if stored.new or stored.updated:
        log.info("drop folders: %d new items, %d updated", stored.new, stored.updated)


@periodic(every=3600)
def wires_forget() -> None:
    """Items nobody took and files read, once the retention period is over."""
    items, files = items_forget(), set_aside_forget()
    if items or files:
        log.info("forgot %d wire items nobody took and %d files read", items, files)
