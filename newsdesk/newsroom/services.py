"""The newsroom's writes: saving edits, moving stories through the workflow, corrections.

Each service locks the article's row, asks `rules` whether the user may act, changes
the row, bumps its version, and writes the audit log, all in one transaction.
`by=None` is the system (a management command such as the demo loader).
"""

import functools
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.content.models import Article, Correction
from newsdesk.newsroom import rules
from newsdesk.newsroom.models import AuditEntry, Revision

Action = AuditEntry.Action


class StaleVersion(Exception):
    """The article was saved by someone else since the editor opened it."""

    def __init__(self, current: Article):
        self.current = current
        super().__init__(f"article {current.pk} is at version {current.version}")


def audit_record(
    *, actor: AbstractBaseUser | None, action: str, article: Article | None = None, target: str = "", message: str = ""
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        article=article,
        target=(target or (article.title if article else ""))[:300],
        message=message,
    )


class Refused(PermissionDenied):
    def __init__(self, *, by: AbstractBaseUser | None, article: Article, what: str):
        self.by, self.article, self.what = by, article, what
        super().__init__(_("You may not %(what)s this article.") % {"what": what})


def _refuse(by: AbstractBaseUser | None, article: Article, what: str) -> None:
    raise Refused(by=by, article=article, what=what)


def logs_refusals(service):
    """Run `service` in a transaction; a refusal is logged after it has rolled back."""
    atomic_service = transaction.atomic(service)

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        try:
            return atomic_service(*args, **kwargs)
        except Refused as refused:
            if refused.by is not None and refused.by.is_authenticated:
                audit_record(actor=refused.by, action=Action.REFUSED, article=refused.article, message=refused.what)
            raise

    return wrapper


def _locked(article: Article) -> Article:
    """The article's current row, locked for the rest of the transaction."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _bump(article: Article, current: Article, fields: list[str]) -> None:
    article.version = current.version + 1
    article.save(update_fields=[*fields, "version", "updated_at"])


def _forget_cached_pages(article: Article) -> None:
    """At commit, drop the cached pages that show the story, and its edition's Most viewed."""
    from newsdesk.audience.rankings import rankings_forget
    from newsdesk.public.pagecache import forget_article

    def forget() -> None:
        rankings_forget(language=article.language)
        forget_article(article)

    transaction.on_commit(forget)


def revision_record(*, article: Article, by: AbstractBaseUser | None) -> Revision:
    """Keep the article as it now stands, tags and bylines included."""
    number = (Revision.objects.filter(article=article).aggregate(n=Max("number"))["n"] or 0) + 1
    return Revision.objects.create(
        article=article,
        number=number,
        created_by=by if by is not None and by.is_authenticated else None,
        title=article.title,
        lead=article.lead,
        body=article.body,
        fields={
            "section": article.section_id,
            "source": article.source_id,
            "photo": article.photo_id,
            "tags": sorted(article.tags.values_list("id", flat=True)),
            "bylines": list(article.bylines.order_by("position", "id").values_list("author_id", "role")),
            "embargo_until": article.embargo_until.isoformat() if article.embargo_until else None,
            "is_breaking": article.is_breaking,
        },
    )


@logs_refusals
def article_save(
    *,
    article: Article,
    by: AbstractBaseUser | None,
    expected_version: int | None = None,
    correction_note: str = "",
) -> Article:
    """Save an edit of `article` (new or existing). Workflow fields are not changed here.

    Raises StaleVersion when `expected_version` is not the stored one: the caller keeps
    what the user typed and shows them what changed.
    """
    if article.pk is None:
        if by is not None and not by.has_perm("content.add_article"):
            raise PermissionDenied(_("You may not write articles."))
        article.status = Article.Status.DRAFT
        article.created_by = by if by is not None and by.is_authenticated else None
        article.version = 1
        article.full_clean()
        article.save()
        audit_record(actor=by, action=Action.CREATED, article=article)
        return article

    current = _locked(article)
    if not rules.can_edit(by, current):
        _refuse(by, current, _("edit"))
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(current)
    # The workflow moves only through its own services.
    article.status = current.status
    article.published_at = current.published_at
    article.created_by_id = current.created_by_id
    article.version = current.version + 1
    article.full_clean()
    article.save()
    if current.status == Article.Status.PUBLISHED:
        note = correction_note.strip()
        if note:
            correction = Correction(article=article, note=note, created_by=by if by and by.is_authenticated else None)
            correction.full_clean()
            correction.save()
            article.corrected_at = correction.created_at
            article.save(update_fields=["corrected_at"])
        audit_record(actor=by, action=Action.CORRECTED, article=article, message=note)
        _forget_cached_pages(article)  # with or without a public note, the page changed
    else:
        audit_record(actor=by, action=Action.EDITED, article=article)
    return article


@logs_refusals
def article_submit(*, article: Article, by: AbstractBaseUser | None) -> Article:
    current = _locked(article)
    if not rules.can_submit(by, current):
        _refuse(by, current, _("submit for review"))
    current.status = Article.Status.IN_REVIEW
    _bump(current, current, ["status"])
    audit_record(actor=by, action=Action.SUBMITTED, article=current)
    return current


@logs_refusals
def article_send_back(*, article: Article, by: AbstractBaseUser | None, comment: str) -> Article:
    """Return a story in review to its author, with the editor's comment."""
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Tell the author what to change.")})
    current = _locked(article)
    if not rules.can_send_back(by, current):
        _refuse(by, current, _("send back"))
    current.status = Article.Status.DRAFT
    _bump(current, current, ["status"])
    audit_record(actor=by, action=Action.SENT_BACK, article=current, message=comment)
    return current


@logs_refusals
def article_publish(*, article: Article, by: AbstractBaseUser | None, at: datetime | None = None) -> Article:
    """Publish now, or schedule for `at`; an embargo later than that moves it to the embargo."""
    current = _locked(article)
    if current.status == Article.Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn article cannot be published again; write a new one."))
    if not rules.can_publish(by, current):
        _refuse(by, current, _("publish"))
    now = timezone.now()
    at = at or now
    if current.embargo_until and current.embargo_until > at:
        at = current.embargo_until
    current.status = Article.Status.PUBLISHED
    current.published_at = at
    current.full_clean()
    _bump(current, current, ["status", "published_at"])
    scheduled = at > now
    audit_record(
        actor=by,
        action=Action.SCHEDULED if scheduled else Action.PUBLISHED,
        article=current,
        message=timezone.localtime(at).strftime("%d.%m.%Y, %H:%M") if scheduled else "",
    )
    _forget_cached_pages(current)
    return current


@logs_refusals
def article_unschedule(*, article: Article, by: AbstractBaseUser | None) -> Article:
    """Take a scheduled story off the schedule: back to review, unseen."""
    current = _locked(article)
    if not current.is_scheduled:
        raise ValidationError(_("Only a scheduled article can be taken off the schedule."))
    if not rules.can_publish(by, current):
        _refuse(by, current, _("unschedule"))
    current.status = Article.Status.IN_REVIEW
    current.published_at = None
    _bump(current, current, ["status", "published_at"])
    audit_record(actor=by, action=Action.UNSCHEDULED, article=current)
    _forget_cached_pages(current)
    return current


@logs_refusals
def article_withdraw(*, article: Article, by: AbstractBaseUser | None, reason: str = "") -> Article:
    """Take a published story off the site; its page then says it was withdrawn (410)."""
    current = _locked(article)
    if current.status != Article.Status.PUBLISHED:
        raise ValidationError(_("Only a published article can be withdrawn."))
    if not rules.can_withdraw(by, current):
        _refuse(by, current, _("withdraw"))
    current.status = Article.Status.WITHDRAWN
    _bump(current, current, ["status"])
    audit_record(actor=by, action=Action.WITHDRAWN, article=current, message=reason.strip())
    _forget_cached_pages(current)
    return current


@logs_refusals
def revision_restore(*, article: Article, revision: Revision, by: AbstractBaseUser | None) -> Article:
    """Bring back the text of an earlier revision as a new save (nothing is lost)."""
    if revision.article_id != article.pk:
        raise ValidationError(_("That revision belongs to another article."))
    current = _locked(article)
    if not rules.can_edit(by, current):
        _refuse(by, current, _("edit"))
    current.title, current.lead, current.body = revision.title, revision.lead, revision.body
    current.version += 1
    current.full_clean()
    current.save()
    audit_record(actor=by, action=Action.RESTORED, article=current, message=str(revision.number))
    revision_record(article=current, by=by)
    if current.status == Article.Status.PUBLISHED:
        _forget_cached_pages(current)
    return current
