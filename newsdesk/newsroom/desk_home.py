"""The desk's front page: what waits for this person today, read in a few queries.

Each section is one query of at most `SHOWN + 1` stories (so "10+" when there are more),
with its section and author in the same row; the sent-back comments of one's drafts are
one more, and the translations' states one more (translation_desk).
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from newsdesk.content.models import Article
from newsdesk.content.visibility import visible_condition
from newsdesk.newsroom import rules, selectors, translation_desk
from newsdesk.newsroom.models import AuditEntry

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SHOWN = 10  # stories listed in a section
MY_DRAFTS = 200  # one person's drafts read at once, to tell those sent back apart
RECENT = timedelta(days=2)  # translations the desk asks about: stories of the last two days


@dataclass
class DeskSection:
    key: str
    stories: list[Article] = field(default_factory=list)
    more: bool = False  # more than the stories listed
    notes: dict[int, AuditEntry] = field(default_factory=dict)  # the editor's comment, by story

    @property
    def count(self) -> str:
        return f"{len(self.stories)}+" if self.more else str(len(self.stories))


@dataclass
class DeskHome:
    drafts: DeskSection
    sent_back: DeskSection
    review: DeskSection | None  # editors and chief editors only
    scheduled_today: DeskSection
    published_today: DeskSection
    translations: DeskSection


def _listed(queryset: "QuerySet[Article]", key: str, *, limit: int = SHOWN) -> DeskSection:
    rows = list(queryset.select_related("section", "created_by").defer("body", "lead")[: limit + 1])
    return DeskSection(key=key, stories=rows[:limit], more=len(rows) > limit)


def _lacks_translation(article: Article) -> bool:
    """A language it has no version in (for an original), or a version behind its original."""
    states = getattr(article, "translation_states", [])  # translation_desk.translations_of_page
    return any(
        state == "outdated" or (state == "missing" and article.translation_of_id is None) for _code, state in states
    )


def day_bounds(*, now: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Today in the agency's zone, as two moments."""
    today = now.astimezone(zone).date()
    start = datetime.combine(today, time(0), tzinfo=zone)
    return start, datetime.combine(today + timedelta(days=1), time(0), tzinfo=zone)


def reviews_for(user: "User") -> "QuerySet[Article] | None":
    """What waits for this person's review: their sections' (a chief editor's: all); None
    for those who do not review."""
    if not user.has_perm(rules.PUBLISH):
        return None
    waiting = Article.objects.filter(status=Article.Status.IN_REVIEW)
    if not user.has_perm(rules.ALL_SECTIONS):
        waiting = waiting.filter(section_id__in=rules.section_ids(user))
    return waiting


def desk_home(*, user: "User", now: datetime, zone: ZoneInfo) -> DeskHome:
    start, end = day_bounds(now=now, zone=zone)
    may_see = rules.viewable_condition(user=user, now=now)

    # My drafts, and among them those an editor sent back (with the comment).
    mine = _listed(
        Article.objects.filter(created_by=user, status=Article.Status.DRAFT).order_by("-updated_at", "-id"),
        "drafts",
        limit=MY_DRAFTS,
    )
    notes = selectors.sent_back_notes(article_ids=[a.pk for a in mine.stories])
    for article in mine.stories:
        article.sent_back = notes.get(article.pk)  # type: ignore[attr-defined]  # status_label says so
    returned = [a for a in mine.stories if a.pk in notes]
    drafts = DeskSection("drafts", [a for a in mine.stories if a.pk not in notes][:SHOWN])
    drafts.more = mine.more or len(mine.stories) - len(returned) > SHOWN
    sent_back = DeskSection("sent_back", returned[:SHOWN], more=len(returned) > SHOWN, notes=notes)

    waiting = reviews_for(user)
    review = _listed(waiting.order_by("updated_at", "id"), "review") if waiting is not None else None

    not_yet_visible = Q(status=Article.Status.PUBLISHED) & ~visible_condition(now=now)
    comes_today = Q(published_at__lt=end) & (Q(embargo_until__isnull=True) | Q(embargo_until__lt=end))
    scheduled_today = _listed(
        Article.objects.filter(may_see, not_yet_visible, comes_today).order_by("published_at", "id"), "scheduled"
    )
    published_today = _listed(
        Article.objects.filter(visible_condition(now=now), published_at__gte=start).order_by("-published_at", "-id"),
        "published",
    )

    # Recent originals and translations of this person's desk: their languages' states in one query.
    recent = Article.objects.filter(may_see, updated_at__gte=now - RECENT).exclude(status=Article.Status.WITHDRAWN)
    candidates = list(recent.select_related("section").defer("body", "lead").order_by("-updated_at", "-id")[:100])
    translation_desk.translations_of_page(candidates)
    lacking = [a for a in candidates if _lacks_translation(a)]
    translations = DeskSection("translations", lacking[:SHOWN], more=len(lacking) > SHOWN)
    return DeskHome(drafts, sent_back, review, scheduled_today, published_today, translations)
