"""Notifications by e-mail, in each recipient's back-office language.

The worker sends them (accounts/jobs.py): a notification is committed with its workflow
change (newsroom/notifications.py) and mailed here once, a few seconds later, so a slow
or absent mail server never holds up or undoes the change. A mail that fails is tried
again on the next run, for a day; then it is given up (logged); an address the server
refuses is given up at once.
"""

import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from newsdesk.accounts.models import StaffPreferences
from newsdesk.lib.urls import absolute_url
from newsdesk.newsroom.models import Notification
from newsdesk.siteconfig.selectors import site_settings

log = logging.getLogger("newsdesk.accounts")

BATCH = 100
GIVE_UP_AFTER = timedelta(days=1)


def _subject(notification: Notification) -> str:
    title = notification.article.title
    match notification.kind:
        case Notification.Kind.SUBMITTED:
            return _("Waiting for review: %(title)s") % {"title": title}
        case Notification.Kind.SENT_BACK:
            return _("Sent back to you: %(title)s") % {"title": title}
        case Notification.Kind.SCHEDULED:
            return _("Scheduled: %(title)s") % {"title": title}
        case Notification.Kind.CORRECTED:
            return _("Corrected: %(title)s") % {"title": title}
    return _("Published: %(title)s") % {"title": title}


def _body(notification: Notification) -> str:
    actor = notification.actor
    who = (actor.get_full_name() or actor.get_username()) if actor is not None else _("the system")
    lines = [
        _("%(who)s: %(what)s.") % {"who": who, "what": notification.get_kind_display()},
        "",
        notification.article.title,
    ]
    if notification.kind == Notification.Kind.SCHEDULED and notification.article.published_at:
        when = notification.article.published_at.astimezone(site_settings().zone)
        lines += [_("On the site at %(time)s") % {"time": f"{when:%d.%m.%Y, %H:%M} ({when.tzname()})"}]
    if notification.message:
        lines += ["", notification.message]
    link = absolute_url(reverse("admin:content_article_change", args=[notification.article_id]))
    lines += [
        "",
        link,
        "",
        _("Your notifications: %(url)s") % {"url": absolute_url(reverse("admin:newsroom_notifications"))},
    ]
    return "\n".join(lines)


def notifications_mail(*, now: datetime | None = None) -> int:
    """Mail the notifications not mailed yet, oldest first; returns how many were sent."""
    now = now or timezone.now()
    pending = list(
        Notification.objects.filter(mailed_at__isnull=True)
        .select_related("recipient", "article", "actor")
        .defer("article__body", "article__lead")
        .order_by("created", "id")[:BATCH]
    )
    if not pending:
        return 0
    languages = dict(
        StaffPreferences.objects.filter(user_id__in={n.recipient_id for n in pending}).values_list(
            "user_id", "language"
        )
    )
    sent = 0
    for notification in pending:
        address = notification.recipient.email
        if not address or not notification.recipient.is_active:
            Notification.objects.filter(pk=notification.pk).update(mailed_at=now)  # nothing to send
            continue
        language = languages.get(notification.recipient_id) or settings.LANGUAGE_CODE
        try:
            with translation.override(language):
                send_mail(_subject(notification), _body(notification), None, [address])
        except smtplib.SMTPRecipientsRefused:
            log.warning("notification %s not mailed: %s refused", notification.pk, address)
            Notification.objects.filter(pk=notification.pk).update(mailed_at=now)
            continue
        except Exception:  # the server is down or failing: the rest wait for the next run
            if notification.created < now - GIVE_UP_AFTER:
                log.exception("notification %s not mailed for a day, given up", notification.pk)
                Notification.objects.filter(pk=notification.pk).update(mailed_at=now)
            else:
                log.exception("notification %s not mailed, tried again on the next run", notification.pk)
            break
        Notification.objects.filter(pk=notification.pk).update(mailed_at=now)
        sent += 1
    return sent
