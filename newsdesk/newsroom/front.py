"""The front page's pins and the breaking banner, set from the desk.

An editor pins a story readers can see as the top story or a secondary one of its
edition's home until a time, or announces it as breaking news (a banner on every page of
its edition) until a time, an hour by default; either can be ended sooner. Both end by
themselves: readers' pages compare the time with now (content/front_page.py), and the
page cache keeps no page past the next end (public/pagecache.py).

These are placements, not edits: the story's version, revisions and "updated" time stay,
and partners are not sent a new version. The audit log records each.
"""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.content.events import front_change_announce
from newsdesk.content.models import Article, FrontSlot, moment_error
from newsdesk.lib.formatting import feed_datetime
from newsdesk.newsroom import rules
from newsdesk.newsroom.models import AuditEntry
from newsdesk.newsroom.services import _refuse, article_locked, audit_record, logs_refusals

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Action = AuditEntry.Action


def _placeable(*, article: Article, by: "User | None", what: str) -> Article:
    """The story's row, locked, once `by` may place it and readers can see it."""
    current = article_locked(article)
    if not rules.can_place(user=by, article=current):
        _refuse(by, current, what)
    if not current.is_visible:
        raise ValidationError(_("Only a story readers can see can be placed on the front page or announced."))
    return current


def _future(until: datetime) -> datetime:
    if problem := moment_error(until):
        raise ValidationError({"until": problem})
    if until <= timezone.now():
        raise ValidationError({"until": _("Choose a time in the future.")})
    return until


def _set(article: Article, **fields: object) -> None:
    # Not a save: the story's text, version and times do not change.
    Article.objects.filter(pk=article.pk).update(**fields)
    for name, value in fields.items():
        setattr(article, name, value)
    front_change_announce(article=article)


@logs_refusals
def front_pin(*, article: Article, slot: FrontSlot, until: datetime, by: "User | None") -> Article:
    """Pin `article` as its edition's top or a secondary story until `until`."""
    current = _placeable(article=article, by=by, what=_("pin"))
    slot = FrontSlot(slot)
    _set(current, front_slot=slot, front_until=_future(until))
    audit_record(actor=by, action=Action.PINNED, article=current, message=f"{slot.label}: {feed_datetime(until)}")
    return current


@logs_refusals
def front_unpin(*, article: Article, by: "User | None") -> Article:
    current = article_locked(article)
    if not rules.can_place(user=by, article=current):
        _refuse(by, current, _("unpin"))
    _set(current, front_slot=None, front_until=None)
    audit_record(actor=by, action=Action.UNPINNED, article=current)
    return current


@logs_refusals
def breaking_start(*, article: Article, by: "User | None", until: datetime | None = None) -> Article:
    """Announce `article` as breaking news: a banner on its edition's pages until `until`
    (BREAKING_MINUTES from now by default)."""
    current = _placeable(article=article, by=by, what=_("announce"))
    until = _future(until or timezone.now() + timedelta(minutes=settings.NEWSDESK["BREAKING_MINUTES"]))
    _set(current, is_breaking=True, breaking_until=until)
    audit_record(actor=by, action=Action.BREAKING_STARTED, article=current, message=feed_datetime(until))
    return current


@logs_refusals
def breaking_end(*, article: Article, by: "User | None") -> Article:
    """End the banner now; the story stays marked as breaking news in the lists."""
    current = article_locked(article)
    if not rules.can_place(user=by, article=current):
        _refuse(by, current, _("stop announcing"))
    _set(current, breaking_until=None)
    audit_record(actor=by, action=Action.BREAKING_ENDED, article=current)
    return current
