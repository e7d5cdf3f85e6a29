"""Taking a wire item into the newsroom: a draft in one click, in the item's language or
as a translation into another edition, with the wire's Source as its attribution and the
original link and licence kept with the story (wires.WireTake)."""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction

from newsdesk.content import services as content_services
from newsdesk.content.models import Article, Section
from newsdesk.content.text import TITLE_MAX_LENGTH, paragraphs_to_html
from newsdesk.newsroom.services import revision_record
from newsdesk.wires.models import WireItem, WireTake

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def may_take(user: "User") -> bool:
    return user.is_active and user.has_perm("wires.view_wireitem") and user.has_perm("content.add_article")


def wire_item_take(*, item: WireItem, by: "User", language: str, section: Section) -> Article:
    """A draft of `by` from `item` (its newest version); ValidationError if the item's text
    cannot be a story as it stands (the draft is then not made)."""
    if not may_take(by):
        raise PermissionDenied
    title = item.title if len(item.title) <= TITLE_MAX_LENGTH else item.title[: TITLE_MAX_LENGTH - 1] + "…"
    with transaction.atomic():
        article = content_services.article_create(
            by=by,
            language=language,
            title=title,
            lead=item.lead,
            body=item.body or paragraphs_to_html([item.lead or item.title]),
            section=section,
            source=item.wire.source,
        )
        revision_record(article=article, by=by)
        WireTake.objects.create(
            article=article,
            item=item,
            version_number=item.versions_count,
            original_url=item.url,
            licence=item.licence,
            taken_by=by,
        )
    return article
