"""What a feed shows: the latest visible stories of a listing, with everything an item
carries, in a fixed number of queries whatever the number of items.

One query for the stories with their section, photo and source joined; one each for
the bylines (with their authors), the tags and the corrections of those stories. The
body is read only when the feeds carry the full text.
"""

from django.db.models import QuerySet

from newsdesk.content.models import Article
from newsdesk.content.selectors import fetch_mode, story_credits_prefetched

_COLUMNS = (
    "id",
    "language",
    "translation_group",
    "title",
    "slug",
    "lead",
    "published_at",
    "revised_at",
    "section__id",
    "section__slug",
    "section__name_en",
    "section__name_ru",
    "section__name_kk",
    "photo__id",
    "photo__file",
    "photo__width",
    "photo__height",
    "photo__alt_text",
    "photo__caption",
    "photo__credit",
    "photo__renditions",
    "source__id",
    "source__url",
    "source__name_en",
    "source__name_ru",
    "source__name_kk",
)


def feed_articles(qs: QuerySet[Article], *, full_text: bool, limit: int) -> list[Article]:
    """The newest `limit` stories of `qs` (visible ones: a content selector's queryset)."""
    columns = (*_COLUMNS, "body") if full_text else _COLUMNS
    mode = fetch_mode()
    return list(
        qs.fetch_mode(mode)
        .select_related("section", "photo", "source")
        .only(*columns)
        .prefetch_related(*story_credits_prefetched())
        .order_by("-published_at", "-id")[:limit]
    )
