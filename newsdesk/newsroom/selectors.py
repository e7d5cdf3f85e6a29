"""The newsroom's reads: what the back office's screens show of a story and the library."""

from collections.abc import Collection

from django.db.models import Q, QuerySet

from newsdesk.content.models import Article, Photo
from newsdesk.newsroom.models import AuditEntry, Revision

PHOTOS_FOUND = 24


def article_for_desk(*, article_id: int) -> Article | None:
    """The story a back-office page is about, with what its header shows."""
    return Article.objects.select_related("section", "created_by").filter(pk=article_id).first()


def last_send_back(*, article: Article) -> AuditEntry | None:
    """The editor's latest comment when the story was sent back to its author."""
    return (
        AuditEntry.objects.filter(article=article, action=AuditEntry.Action.SENT_BACK).select_related("actor").first()
    )


# What moves a story through the workflow: the change form's box lists these entries.
WORKFLOW_ACTIONS = (
    AuditEntry.Action.SUBMITTED,
    AuditEntry.Action.RECALLED,
    AuditEntry.Action.SENT_BACK,
    AuditEntry.Action.PUBLISHED,
    AuditEntry.Action.SCHEDULED,
    AuditEntry.Action.UNSCHEDULED,
    AuditEntry.Action.CORRECTED,
    AuditEntry.Action.UPDATED,
    AuditEntry.Action.WITHDRAWN,
)
# The steps after which a draft is no longer "sent back".
WORKFLOW_STEPS = (AuditEntry.Action.SUBMITTED, AuditEntry.Action.RECALLED, AuditEntry.Action.SENT_BACK)


def workflow_log(*, article: Article, limit: int = 100) -> list[AuditEntry]:
    """Every workflow step of the story with who, when and the comment, oldest first."""
    newest = AuditEntry.objects.filter(article=article, action__in=WORKFLOW_ACTIONS).select_related("actor")[:limit]
    return list(reversed(newest))


def sent_back_notes(*, article_ids: Collection[int]) -> dict[int, AuditEntry]:
    """For each of these stories that is a draft because an editor sent it back (no
    submission or recall since): that editor's entry, with the comment. One query."""
    if not article_ids:
        return {}
    entries = (
        AuditEntry.objects.filter(article_id__in=article_ids, action__in=WORKFLOW_STEPS)
        .select_related("actor")
        .order_by("article_id", "-at", "-id")
    )
    latest: dict[int, AuditEntry] = {}
    for entry in entries:
        if entry.article_id is not None:
            latest.setdefault(entry.article_id, entry)
    return {pk: entry for pk, entry in latest.items() if entry.action == AuditEntry.Action.SENT_BACK}


def revisions_of(*, article: Article) -> QuerySet[Revision]:
    """Its revisions, newest first, without their texts (history lists them)."""
    return Revision.objects.filter(article=article).select_related("created_by").defer("body")


def audit_of(*, article: Article, limit: int = 200) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(article=article).select_related("actor")[:limit])


def revision_of(*, article: Article, number: int) -> Revision | None:
    return Revision.objects.filter(article=article, number=number).first()


def photos_matching(*, query: str) -> list[Photo]:
    """The library's newest photos whose alt text, caption or credit holds `query`."""
    photos = Photo.objects.order_by("-created_at")
    if query:
        photos = photos.filter(Q(alt_text__icontains=query) | Q(caption__icontains=query) | Q(credit__icontains=query))
    return list(photos[:PHOTOS_FOUND])
