"""A story's changes, announced once, after the transaction that made them commits.

Everything that must react when readers' view of a story changes (the page cache, Most
viewed, and the channels to come: feeds, sitemaps, the partner API, webhooks, Telegram,
the search index) subscribes to `story_changed` in its app's `ready()`:

    story_changed.connect(pages_forget_story)

and is never called by hand from the newsroom. A receiver gets `article` (the row as the
change committed it) and `change` (a Change). A receiver that fails is logged and does
not stop the others: the change itself has already committed.

A channel that must never miss a change (the partner API's change feed, webhooks,
Telegram) also subscribes to `story_changing`, sent inside the change's transaction:
its receiver writes a note of the change there, so the note commits or rolls back with
it, and acts on the note once `story_changed` comes (or its worker finds the note, if
the process stopped in between). It must be quick and must not fail: an exception there
rolls the change back.

"Became visible" is a change like the others: a story scheduled for 10:00, or held by an
embargo, is announced by the worker once its moment has passed (`visibility_announce_due`).
Readers see it at 10:00 whether or not the worker runs; the announcement is for those who
must act on it.
"""

import functools
import logging
from datetime import datetime
from enum import StrEnum

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from newsdesk.content.models import Article, VisibilityDue
from newsdesk.content.visibility import is_visible_at, visible_from

log = logging.getLogger("newsdesk.events")


class Change(StrEnum):
    PUBLISHED = "published"  # published now, or scheduled (BECAME_VISIBLE follows at its time)
    BECAME_VISIBLE = "became_visible"  # its scheduled time came, or its embargo lifted
    CORRECTED = "corrected"  # a published story saved with a public correction note
    UPDATED = "updated"  # a published story saved without a note, or its files remade
    RESTORED = "restored"  # an earlier text of a published story brought back
    UNSCHEDULED = "unscheduled"  # a scheduled story taken off the schedule, unseen
    WITHDRAWN = "withdrawn"  # taken off the site: its page answers 410


story_changed = Signal()
story_changing = Signal()
# A story's place on its edition's front page, or its breaking banner, was set or ended
# (newsroom/front.py): what shows it is its editions' pages, not the story's own.
front_changed = Signal()


def story_change_announce(*, article: Article, change: Change) -> None:
    """Announce `change` of `article` when the current transaction commits (at once when
    there is none), and note when it becomes visible if that is still to come."""
    _due_note(article)
    story_changing.send(sender=Article, article=article, change=change)
    transaction.on_commit(lambda: _send(article, change))


def front_change_announce(*, article: Article) -> None:
    """Announce, once the current transaction commits, that `article`'s front-page place
    or breaking banner changed."""
    transaction.on_commit(lambda: _send_front(article))


def _send_front(article: Article) -> None:
    for receiver, outcome in front_changed.send_robust(sender=Article, article=article):
        if isinstance(outcome, Exception):
            log.error(
                "front page of article %s: %s failed",
                article.pk,
                getattr(receiver, "__qualname__", receiver),
                exc_info=outcome,
            )


def _send(article: Article, change: Change) -> None:
    for receiver, outcome in story_changed.send_robust(sender=Article, article=article, change=change):
        if isinstance(outcome, Exception):
            log.error(
                "%s of article %s: %s failed",
                change,
                article.pk,
                getattr(receiver, "__qualname__", receiver),
                exc_info=outcome,
            )


def _due_note(article: Article) -> None:
    """Keep the one moment the worker must announce the story at, or none."""
    moment = visible_from(status=article.status, published_at=article.published_at, embargo_until=article.embargo_until)
    if moment is not None and moment > timezone.now():
        VisibilityDue.objects.update_or_create(article=article, defaults={"visible_at": moment})
    else:
        VisibilityDue.objects.filter(article=article).delete()


def visibility_announce_due(*, now: datetime, limit: int = 500) -> int:
    """Announce, once each, the stories whose scheduled time or embargo has passed.
    Returns how many were announced. Several workers may run it at once: a row is taken
    by one of them (locked, skipping what another holds, then deleted)."""
    announced = 0
    with transaction.atomic():
        due = list(
            VisibilityDue.objects.select_for_update(skip_locked=True)
            .filter(visible_at__lte=now)
            .order_by("visible_at")
            .values_list("pk", flat=True)[:limit]
        )
        if not due:
            return 0
        articles = Article.objects.filter(pk__in=due).select_related("section")
        for article in articles:
            if is_visible_at(
                now=now, status=article.status, published_at=article.published_at, embargo_until=article.embargo_until
            ):
                story_changing.send(sender=Article, article=article, change=Change.BECAME_VISIBLE)
                transaction.on_commit(functools.partial(_send, article, Change.BECAME_VISIBLE))
                announced += 1
        VisibilityDue.objects.filter(pk__in=due).delete()
    return announced
