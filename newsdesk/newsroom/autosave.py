"""Autosave and presence: the words being typed kept aside, and who has a story open.

The change form sends its title, lead and body every few seconds while they change and
once more when the tab is hidden or closed (`autosave_views`). The copy never touches
the story: the form offers it back on return, with the version it was typed on, so a
save over a colleague's newer version is refused as any stale save is.
"""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.content import text
from newsdesk.content.models import Article
from newsdesk.newsroom import rules
from newsdesk.newsroom.models import DraftCopy, Presence

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# A form pings every 10 s while open; one silent for longer has been closed or lost.
PRESENT_FOR = timedelta(seconds=30)


def draft_copy_keep(
    *, user: "User", article: Article | None, base_version: int, title: str, lead: str, body: str
) -> DraftCopy:
    """Keep what `user` is typing into the story's form (or a new story's, for None)."""
    allowed = (
        rules.can_edit(user=user, article=article) if article is not None else user.has_perm("content.add_article")
    )
    if not allowed:
        raise PermissionDenied
    fields = {"title": title, "lead": lead, "body": body}
    limits = {"title": text.TITLE_MAX_LENGTH, "lead": text.LEAD_MAX_LENGTH, "body": text.BODY_MAX_LENGTH}
    if too_long := [name for name, value in fields.items() if len(value) > limits[name]]:
        raise ValidationError(_("Too long to keep: %(fields)s.") % {"fields": ", ".join(too_long)})
    clean = {name: text.without_control_characters(value) for name, value in fields.items()}
    copy, _created = DraftCopy.objects.update_or_create(
        user=user,
        article=article,
        defaults={**clean, "base_version": max(base_version, 0), "saved_at": timezone.now()},
    )
    return copy


def draft_copy_for(*, user: "User", article: Article | None) -> DraftCopy | None:
    """The copy to offer back, if it holds words the story does not."""
    copy = DraftCopy.objects.filter(user=user, article=article).first()
    if copy is None:
        return None
    if article is not None and (copy.title, copy.lead, copy.body) == (article.title, article.lead, article.body):
        copy.delete()  # saved since, or nothing was typed
        return None
    if article is None and not (copy.title.strip() or copy.lead.strip() or text.body_has_text(copy.body)):
        return None
    return copy


def draft_copy_discard(*, user: "User", article: Article | None) -> None:
    """Forget the copy: `user` discarded it, or saved the story."""
    DraftCopy.objects.filter(user=user, article=article).delete()


@transaction.atomic
def presence_note(*, user: "User", article: Article, now: datetime | None = None) -> None:
    """`user` has the story's form open; `since` is kept while they stay."""
    now = now or timezone.now()
    row = Presence.objects.select_for_update().filter(user=user, article=article).first()
    if row is None:
        Presence.objects.get_or_create(user=user, article=article, defaults={"since": now, "seen_at": now})
        return
    if row.seen_at < now - PRESENT_FOR:
        row.since = now  # they had left
    row.seen_at = now
    row.save(update_fields=["since", "seen_at"])


def presence_leave(*, user: "User", article: Article) -> None:
    Presence.objects.filter(user=user, article=article).delete()


def present_on(*, article: Article, besides: "User", now: datetime | None = None) -> list[Presence]:
    """Who else has the story open now, longest first."""
    now = now or timezone.now()
    return list(
        Presence.objects.filter(article=article, seen_at__gte=now - PRESENT_FOR)
        .exclude(user=besides)
        .select_related("user")
        .order_by("since")
    )


def presence_tidy(*, now: datetime | None = None) -> int:
    """Forget forms closed long ago (a periodic job)."""
    now = now or timezone.now()
    deleted, _kinds = Presence.objects.filter(seen_at__lt=now - timedelta(hours=1)).delete()
    return deleted


def draft_copies_tidy(*, now: datetime | None = None, keep_days: int = 30) -> int:
    """Forget copies nobody came back to in `keep_days` (a periodic job)."""
    now = now or timezone.now()
    deleted, _kinds = DraftCopy.objects.filter(saved_at__lt=now - timedelta(days=keep_days)).delete()
    return deleted
