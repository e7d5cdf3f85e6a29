"""Telling people that a story moved: who hears of which change, and their list.

`notify` is called by the workflow's services in the change's own transaction, so a
notification exists exactly when the change does. The worker mails each one once it is
committed (accounts/notification_mail.py): nothing here waits on a mail server.
"""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.utils import timezone

from newsdesk.content.models import Article, Byline
from newsdesk.newsroom import rules
from newsdesk.newsroom.models import Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Kind = Notification.Kind
LISTED = 100


def _holders_of(permission: str) -> "QuerySet[User]":
    app_label, codename = permission.split(".")
    perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(groups__permissions__in=perm) | Q(user_permissions__in=perm) | Q(is_superuser=True))


def editors_of(article: Article) -> set[int]:
    """Those who review the story: its section's editors and the chief editors."""
    publishers = _holders_of(rules.PUBLISH)
    in_section = publishers.filter(desk__sections=article.section_id).values_list("pk", flat=True)
    chiefs = publishers.filter(pk__in=_holders_of(rules.ALL_SECTIONS).values("pk")).values_list("pk", flat=True)
    return set(in_section) | set(chiefs)


def authors_of(article: Article) -> set[int]:
    """Who wrote it: the account that created it and the bylines' staff accounts."""
    bylined = Byline.objects.filter(article=article, author__user__isnull=False).values_list(
        "author__user_id", flat=True
    )
    return {user_id for user_id in [article.created_by_id, *bylined] if user_id is not None}


def notify(*, article: Article, kind: str, by: "User | None", message: str = "") -> list[Notification]:
    """Tell those concerned by `kind` (never the one who acted), inside the caller's transaction."""
    recipients = editors_of(article) if kind == Kind.SUBMITTED else authors_of(article)
    if by is not None:
        recipients.discard(by.pk)
    now = timezone.now()
    return Notification.objects.bulk_create(
        Notification(recipient_id=pk, article=article, kind=kind, actor=by, message=message, created=now)
        for pk in sorted(recipients)
    )


def notifications_of(*, user: "User") -> list[Notification]:
    """A person's newest notifications, with what the list shows."""
    return list(
        Notification.objects.filter(recipient=user)
        .select_related("article", "actor")
        .defer("article__body", "article__lead")[:LISTED]
    )


def unread_count(*, user: "User") -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_mark_read(*, user: "User", ids: list[int] | None = None) -> int:
    """Mark `user`'s own notifications read (all, or those of `ids`); others' are never touched."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
