"""Staff sign-in's and notifications' periodic jobs, run by `manage.py worker` (lib/periodic.py)."""

import logging

from django.conf import settings
from django.utils import timezone

from newsdesk.accounts.notification_mail import notifications_mail
from newsdesk.accounts.services import attempts_forget
from newsdesk.lib.periodic import periodic

log = logging.getLogger("newsdesk.worker")


@periodic(every=600)
def signin_log_tidy() -> None:
    deleted = attempts_forget(now=timezone.now(), keep_days=settings.STAFF_SIGNIN["KEEP_DAYS"])
    log.info("tidied: %d sign-in log rows", deleted)


@periodic(every=5, alone=True)
def notifications_send() -> None:
    """Notifications by e-mail: on a thread of its own, as it waits on the mail server."""
    if sent := notifications_mail():
        log.info("mailed: %d notifications", sent)
