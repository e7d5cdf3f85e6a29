"""The newsroom's writes: saving edits, moving stories through the workflow, corrections.

Each service locks the article's row, asks `rules` whether the user may act, changes
the row, bumps its version, and writes the audit log, all in one transaction; a change
readers will see is announced (content.events) once that transaction commits.
`by=None` is the system (a management command such as the demo loader).
"""

import functools
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.content.events import Change, story_change_announce
from newsdesk.content.models import Article, Correction, Photo
from newsdesk.content.services import photo_save
from newsdesk.content.text import without_control_characters
from newsdesk.lib.formatting import feed_datetime
from newsdesk.newsroom import rules
from newsdesk.newsroom.audit_context import write_despite_rollback
from newsdesk.newsroom.models import AuditEntry, Notification, PublishedChange, Revision
from newsdesk.newsroom.notifications import notify
from newsdesk.newsroom.snapshots import snapshot_take

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

Action = AuditEntry.Action


class StaleVersion(Exception):
    """The article was saved by someone else since the editor opened it."""

    def __init__(self, current: Article):
        self.current = current
        super().__init__(f"article {current.pk} is at version {current.version}")


def signed_in(user: "User | AnonymousUser | None") -> "User | None":
    """The user to record as the one who acted: None for the system and anonymous users."""
    return user if user is not None and user.is_authenticated else None


def audit_record(
    *,
    actor: "User | AnonymousUser | None",
    action: str,
    article: Article | None = None,
    target: str = "",
    message: str = "",
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=signed_in(actor),
        action=action,
        article=article,
        target=without_control_characters(target or (article.title if article else ""))[:300],
        message=without_control_characters(message),
    )


class Refused(PermissionDenied):
    def __init__(self, *, by: "User | None", article: Article, what: str):
        self.by, self.article, self.what = by, article, what
        super().__init__(_("You may not %(what)s this article.") % {"what": what})


def _refuse(by: "User | None", article: Article, what: str) -> None:
    raise Refused(by=by, article=article, what=what)


def refusal_record(*, by: "User | None", article: Article, what: str) -> None:
    """Log a refusal of a signed-in user where no rollback takes it back: the refusal
    itself rolls back the transactions it is raised through (audit_context)."""
    if signed_in(by):
        write_despite_rollback(
            functools.partial(audit_record, actor=by, action=Action.REFUSED, article=article, message=what)
        )


def logs_refusals[**P, R](service: Callable[P, R]) -> Callable[P, R]:
    """Run `service` in a transaction; a refusal is logged after it has rolled back, and
    stays logged when it goes on to roll back a caller's transaction too."""
    atomic_service = transaction.atomic(service)

    @functools.wraps(service)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return atomic_service(*args, **kwargs)
        except Refused as refused:
            refusal_record(by=refused.by, article=refused.article, what=refused.what)
            raise

    return wrapper


def article_locked(article: Article) -> Article:
    """The article's current row, locked for the rest of the transaction."""
    return Article.objects.select_for_update().get(pk=article.pk)


def article_lock_at_version(*, article_id: int, expected_version: int | None) -> Article:
    """The article's row, locked for the rest of the transaction; StaleVersion when
    someone saved it after the editor opened it at `expected_version`."""
    current = Article.objects.select_for_update().get(pk=article_id)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(current)
    return current


def article_bump(article: Article, fields: list[str]) -> None:
    """Save `fields` and a version one higher: a form opened before is stale from now on."""
    article.version += 1
    article.save(update_fields=[*fields, "version", "updated_at"])


def revision_record(*, article: Article, by: "User | None") -> Revision:
    """Keep the article as it now stands: its text, which history compares and restores,
    and its section, tags, photo, bylines and source, which history compares."""
    number = (Revision.objects.filter(article=article).aggregate(n=Max("number"))["n"] or 0) + 1
    return Revision.objects.create(
        article=article,
        number=number,
        created_by=signed_in(by),
        title=article.title,
        lead=article.lead,
        body=article.body,
        snapshot=snapshot_take(article),
    )


def revision_snapshot_retake(*, article: Article) -> Revision:
    """Record the tags and bylines as now saved in the article's latest revision.

    For the change form, which saves them (its many-to-many field, its bylines' inline)
    after `article_save` has made that revision, in the same transaction: the article's
    row is still locked by it, so no one else's revision came in between.
    """
    current = article_locked(article)
    revision = Revision.objects.filter(article=current).order_by("-number").first()
    if revision is None:
        raise ValueError(f"article {current.pk} has no revision")
    revision.snapshot = snapshot_take(current)
    revision.save(update_fields=["snapshot"])
    return revision


def _kind_of_change(
    *, current: Article, edited: Article, kind: PublishedChange | None, note: str
) -> PublishedChange | None:
    """What the edit is to readers; None for a story not published (a plain edit)."""
    if current.status != Article.Status.PUBLISHED:
        if kind == PublishedChange.UPDATE:
            raise ValidationError(
                {"kind": _("Only a story on the site can be shown as updated: readers have not seen this one.")}
            )
        if kind == PublishedChange.CORRECTION or note:
            raise ValidationError({"correction_note": _("Only a published story can be corrected.")})
        return None
    if kind is None:  # the system's way (imports, the demo): a note makes it a correction
        kind = PublishedChange.CORRECTION if note else PublishedChange.SILENT_FIX
    if kind == PublishedChange.CORRECTION and not note:
        raise ValidationError({"correction_note": _("Say what was corrected: readers see this note under the story.")})
    if kind != PublishedChange.CORRECTION and note:
        raise ValidationError(
            {"correction_note": _("Only a correction has a public note: choose “Correction”, or leave the note empty.")}
        )
    if kind == PublishedChange.UPDATE and not edited.is_visible:  # as the edit leaves it: an embargo may take it off
        raise ValidationError(
            {"kind": _("Only a story on the site can be shown as updated: readers have not seen this one.")}
        )
    return PublishedChange(kind)  # given as its value ("update") too


@logs_refusals
def article_save(
    *,
    article: Article,
    by: "User | None",
    expected_version: int | None = None,
    kind: PublishedChange | None = None,
    correction_note: str = "",
    at: datetime | None = None,
    message: str = "",
) -> Article:
    """Save an edit of `article` (new or existing) and keep a revision of it. Workflow
    fields are not changed here.

    A published story's edit is made only by those who may correct (`rules.can_edit`),
    and is one `kind` of change. A correction has a `correction_note`: readers see the
    note and the time of the change, and the audit log says "corrected". An update (new
    facts, a changed figure: only for a story on the site) shows readers the time of the
    change ("shown as updated"). A silent fix (a typo) changes no time readers see, and
    is logged as an edit, as a headline reworded is. Without a `kind`, the note decides:
    with one a correction, else a silent fix. `at` dates the correction or the update,
    for the system only (the demo replaying a story's history, an import); people's
    changes are made now.

    Raises StaleVersion when `expected_version` is not the stored one: the caller keeps
    what the user typed and shows them what changed.
    """
    if at is not None and by is not None:
        raise ValueError("Only the system dates a change; people's are made now.")
    note = correction_note.strip()
    if article.pk is None:
        if kind not in (None, PublishedChange.SILENT_FIX) or note:
            raise ValidationError({"kind": _("A new story is not on the site yet: it cannot be updated.")})
        if by is not None and not by.has_perm("content.add_article"):
            raise PermissionDenied(_("You may not write articles."))
        article.status = Article.Status.DRAFT
        article.created_by = signed_in(by)
        article.version = 1
        article.full_clean()
        article.save()
        audit_record(actor=by, action=Action.CREATED, article=article, message=message)
        revision_record(article=article, by=by)
        return article

    current = article_lock_at_version(article_id=article.pk, expected_version=expected_version)
    if not rules.can_edit(user=by, article=current):
        _refuse(by, current, _("edit"))
    # The workflow moves only through its own services.
    article.status = current.status
    article.published_at = current.published_at
    article.created_by_id = current.created_by_id
    if not rules.can_edit(user=by, article=article):  # as the edit leaves it: in a section of theirs
        _refuse(by, current, _("edit"))
    article.version = current.version + 1
    article.full_clean()
    kind = _kind_of_change(current=current, edited=article, kind=kind, note=note)
    moment = at or timezone.now()
    correction = None
    if kind == PublishedChange.CORRECTION:
        correction = Correction(article=article, note=note, created_by=signed_in(by), created_at=moment)
        correction.full_clean()
        article.corrected_at = correction.created_at
        article.revised_at = correction.created_at
    else:  # the times of the stored row, not of the form's copy
        article.corrected_at = current.corrected_at
        article.revised_at = moment if kind == PublishedChange.UPDATE else current.revised_at  # a fix: it stays
    article.save()
    if correction is not None:
        correction.save()
    if kind is None:
        audit_record(actor=by, action=Action.EDITED, article=article, message=message)
    else:
        audit_record(actor=by, action=kind.action, article=article, message=note or message)
        # Whichever kind, what readers are shown changed.
        story_change_announce(article=article, change=Change.CORRECTED if correction else Change.UPDATED)
        if correction is not None:
            notify(article=article, kind=Notification.Kind.CORRECTED, by=signed_in(by), message=note)
    revision_record(article=article, by=by)
    return article


@logs_refusals
def article_submit(*, article: Article, by: "User | None") -> Article:
    current = article_locked(article)
    if not rules.can_submit(user=by, article=current):
        _refuse(by, current, _("submit for review"))
    current.status = Article.Status.IN_REVIEW
    article_bump(current, ["status"])
    audit_record(actor=by, action=Action.SUBMITTED, article=current)
    notify(article=current, kind=Notification.Kind.SUBMITTED, by=signed_in(by))
    return current


@logs_refusals
def article_recall(*, article: Article, by: "User | None") -> Article:
    """The author takes their story back from review: a draft again, theirs to change."""
    current = article_locked(article)
    if current.status != Article.Status.IN_REVIEW:
        raise ValidationError(_("Only a story waiting for review can be recalled."))
    if not rules.can_recall(user=by, article=current):
        _refuse(by, current, _("recall from review"))
    current.status = Article.Status.DRAFT
    article_bump(current, ["status"])
    audit_record(actor=by, action=Action.RECALLED, article=current)
    return current


@logs_refusals
def article_send_back(*, article: Article, by: "User | None", comment: str) -> Article:
    """Return a story in review to its author, with the editor's comment."""
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Tell the author what to change.")})
    current = article_locked(article)
    if not rules.can_send_back(user=by, article=current):
        _refuse(by, current, _("send back"))
    current.status = Article.Status.DRAFT
    article_bump(current, ["status"])
    audit_record(actor=by, action=Action.SENT_BACK, article=current, message=comment)
    notify(
        article=current, kind=Notification.Kind.SENT_BACK, by=signed_in(by), message=without_control_characters(comment)
    )
    return current


@logs_refusals
def article_publish(*, article: Article, by: "User | None", at: datetime | None = None) -> Article:
    """Publish now, or schedule for `at`; an embargo later than that moves it to the embargo.

    A story readers already see is not published again (that would move it to the top
    of the feeds). People schedule for the future; the system may give a past time (an
    import keeps the time the story first ran).
    """
    current = article_locked(article)
    if current.status == Article.Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn article cannot be published again; write a new one."))
    if current.is_visible:
        raise ValidationError(_("This story is already on the site."))
    if not rules.can_publish(user=by, article=current):
        _refuse(by, current, _("publish"))
    now = timezone.now()
    if at is not None and at <= now and by is not None:
        raise ValidationError(_("Choose a time in the future, or publish now."))
    at = at or now
    if current.embargo_until and current.embargo_until > at:
        at = current.embargo_until
    current.status = Article.Status.PUBLISHED
    current.published_at = at
    current.full_clean()
    article_bump(current, ["status", "published_at"])
    scheduled = at > now
    audit_record(
        actor=by,
        action=Action.SCHEDULED if scheduled else Action.PUBLISHED,
        article=current,
        message=feed_datetime(at) if scheduled else "",
    )
    story_change_announce(article=current, change=Change.PUBLISHED)
    kind = Notification.Kind.SCHEDULED if scheduled else Notification.Kind.PUBLISHED
    notify(article=current, kind=kind, by=signed_in(by))
    return current


@logs_refusals
def article_unschedule(*, article: Article, by: "User | None") -> Article:
    """Take a scheduled story off the schedule: back to review, unseen."""
    current = article_locked(article)
    if not current.is_scheduled:
        raise ValidationError(_("Only a scheduled article can be taken off the schedule."))
    if not rules.can_publish(user=by, article=current):
        _refuse(by, current, _("unschedule"))
    current.status = Article.Status.IN_REVIEW
    current.published_at = None
    article_bump(current, ["status", "published_at"])
    audit_record(actor=by, action=Action.UNSCHEDULED, article=current)
    story_change_announce(article=current, change=Change.UNSCHEDULED)
    return current


@logs_refusals
def article_withdraw(*, article: Article, by: "User | None", reason: str = "") -> Article:
    """Take a published story off the site; its page then says it was withdrawn (410)."""
    current = article_locked(article)
    if current.status != Article.Status.PUBLISHED:
        raise ValidationError(_("Only a published article can be withdrawn."))
    if current.is_scheduled:
        raise ValidationError(_("This story is not on the site yet: take it off the schedule instead."))
    if not rules.can_withdraw(user=by, article=current):
        _refuse(by, current, _("withdraw"))
    current.status = Article.Status.WITHDRAWN
    article_bump(current, ["status"])
    audit_record(actor=by, action=Action.WITHDRAWN, article=current, message=reason.strip())
    story_change_announce(article=current, change=Change.WITHDRAWN)
    return current


@logs_refusals
def revision_restore(*, article: Article, revision: Revision, by: "User | None") -> Article:
    """Bring back the text (title, lead, body) of an earlier revision as a new save
    (nothing is lost). The section, tags, photo, bylines and source stay as they are:
    history shows what they were, and the editor sets them on the form."""
    if revision.article_id != article.pk:
        raise ValidationError(_("That revision belongs to another article."))
    current = article_locked(article)
    if not rules.can_edit(user=by, article=current):
        _refuse(by, current, _("edit"))
    current.title, current.lead, current.body = revision.title, revision.lead, revision.body
    current.full_clean()
    article_bump(current, ["title", "lead", "body"])
    audit_record(actor=by, action=Action.RESTORED, article=current, message=str(revision.number))
    revision_record(article=current, by=by)
    if current.status == Article.Status.PUBLISHED:
        story_change_announce(article=current, change=Change.RESTORED)
    return current


@transaction.atomic
def photo_upload(*, photo: Photo, by: "User | None", file_changed: bool) -> Photo:
    """Save a photo of the library from the back office; a new one is logged."""
    is_new = photo.pk is None
    photo_save(photo=photo, by=by, file_changed=file_changed)
    if is_new:
        audit_record(actor=by, action=Action.PHOTO_UPLOADED, target=photo.alt_text)
    return photo
