"""The partner side's reads: stories with everything an item carries, in a fixed number
of queries; partners' keys; the API's lists."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.content.selectors import fetch_mode, story_credits_prefetched
from newsdesk.partners.access import section_ids, shown_to_partner
from newsdesk.partners.models import ItemVersion, Partner, PubStatus
from newsdesk.partners.ninjs import Sibling


def articles_for_items(ids: Iterable[int]) -> list[Article]:
    """The stories `ids` with their section, photo, source, bylines, tags and corrections:
    four queries, whatever their number."""
    return list(
        Article.objects.fetch_mode(fetch_mode())  # type: ignore[attr-defined]  # stubs: a manager's fetch_mode
        .filter(pk__in=list(ids))
        .select_related("section", "photo", "source")
        .prefetch_related(*story_credits_prefetched())
        .order_by("id")
    )


def visible_siblings(articles: list[Article]) -> dict[int, list[Sibling]]:
    """For each story, its other language versions that readers may see: one query."""
    groups = {article.translation_group for article in articles}
    rows = (
        Article.objects.visible(timezone.now())
        .filter(translation_group__in=groups)
        .values_list("id", "language", "translation_group", "title", "slug")
    )
    by_group: dict[object, list[Sibling]] = defaultdict(list)
    for row in rows:
        by_group[row[2]].append(Sibling(*row))
    return {
        article.pk: [s for s in by_group[article.translation_group] if s.article_id != article.pk]
        for article in articles
    }


def _partner_versions(partner: Partner, *, languages: list[str]) -> QuerySet[ItemVersion]:
    qs = ItemVersion.objects.filter(language__in=languages, shown_to__in=shown_to_partner(partner))
    sections = section_ids(partner)
    return qs.filter(section_id__in=sections) if sections is not None else qs


def items_page(
    partner: Partner,
    *,
    languages: list[str],
    section_id: int | None,
    tag_id: int | None,
    since: datetime | None,
    before: tuple[datetime, int] | None,
    limit: int,
) -> list[ItemVersion]:
    """The current versions of the stories the partner may take, newest first, keyset
    after `before` (published_at, article id); withdrawn stories are not listed."""
    qs = _partner_versions(partner, languages=languages).filter(current=True).exclude(pubstatus=PubStatus.CANCELED)
    if section_id is not None:
        qs = qs.filter(section_id=section_id)
    if tag_id is not None:
        qs = qs.filter(article__tags=tag_id)
    if since is not None:
        qs = qs.filter(published_at__gte=since)
    if before is not None:
        at, article_id = before
        qs = qs.filter(Q(published_at__lt=at) | Q(published_at=at, article_id__lt=article_id))
    return list(qs.order_by("-published_at", "-article_id")[:limit])


def changes_page(partner: Partner, *, languages: list[str], after: int, limit: int) -> list[ItemVersion]:
    """Every version the partner may see after the change `after`, in the feed's order."""
    return list(_partner_versions(partner, languages=languages).filter(pk__gt=after).order_by("pk")[:limit])


def item_version(partner: Partner, *, article_id: int, version: int | None, languages: list[str]) -> ItemVersion | None:
    """One version of a story (the current one when `version` is None), if the partner may see it."""
    qs = _partner_versions(partner, languages=languages).filter(article_id=article_id)
    return qs.filter(version=version).first() if version is not None else qs.order_by("-version").first()
