"""Taking a wire item into the newsroom: a draft in one click, in the item's language or
as a translation into another edition, with the wire's Source as its attribution and the
original link and licence kept with the story (wires.WireTake)."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from newsdesk.content import services as content_services
from newsdesk.content.models import Article, Section
from newsdesk.content.text import TITLE_MAX_LENGTH, paragraphs_to_html
from newsdesk.newsroom.diff import TextDiff, texts_diff
from newsdesk.newsroom.services import revision_record
from newsdesk.wires.models import WireItem, WireItemVersion, WireTake

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def may_take(user: "User") -> bool:
    return user.is_active and user.has_perm("wires.view_wireitem") and user.has_perm("content.add_article")


def wire_item_take(*, item: WireItem, by: "User", language: str, section: Section) -> Article:
    """A draft of `by` from `item` (its newest version), under the wire's embargo while it
    lasts; ValidationError if the item's text cannot be a story as it stands (the draft is
    then not made)."""
    if not may_take(by):
        raise PermissionDenied
    title = item.title if len(item.title) <= TITLE_MAX_LENGTH else item.title[: TITLE_MAX_LENGTH - 1] + "…"
    embargo = item.embargoed_until if item.embargoed_until and item.embargoed_until > timezone.now() else None
    with transaction.atomic():
        article = content_services.article_create(
            by=by,
            language=language,
            title=title,
            lead=item.lead,
            body=item.body or paragraphs_to_html([item.lead or item.title]),
            section=section,
            source=item.wire.source,
            embargo_until=embargo,
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


@dataclass(frozen=True)
class TakenFrom:
    """What the story's form says of the wire item it was made from."""

    take: WireTake
    changes: list[TextDiff] | None  # the item's text then against now, when the wire changed it


def taken_from(article: Article) -> TakenFrom | None:
    take = WireTake.objects.filter(article=article).select_related("item__wire").first()
    if take is None:
        return None
    if take.item is None or take.item.versions_count <= take.version_number:
        return TakenFrom(take, None)
    versions = {
        v.number: v
        for v in WireItemVersion.objects.filter(
            item=take.item, number__in=[take.version_number, take.item.versions_count]
        )
    }
    then, now = versions.get(take.version_number), versions.get(take.item.versions_count)
    if then is None or now is None:
        return TakenFrom(take, None)
    return TakenFrom(take, texts_diff(before=(then.title, then.lead, then.body), after=(now.title, now.lead, now.body)))
