"""The partner API, /api/v1/: the agency's stories as IPTC ninjs, for partners with a key.

Written with django-ninja: the endpoints' parameters and answers are typed schemas
(schemas.py), from which the OpenAPI 3.1 document (/api/v1/openapi.json) and the docs
(/api/v1/docs, served from this site) are made, and against which every answer is
checked. Errors are RFC 9457 problem details (application/problem+json), never a 500
for anything a partner sends. docs/partners.md is the partner's guide.
"""

import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from pydantic import Field

from newsdesk.content.models import EARLIEST_MOMENT, LATEST_MOMENT, Section, Tag
from newsdesk.editions.definition import BY_CODE
from newsdesk.editions.editions import edition_url, in_script
from newsdesk.lib.urls import absolute_url
from newsdesk.partners import selectors
from newsdesk.partners.access import editions_for, partner_editions, section_ids
from newsdesk.partners.keys import partner_for_key
from newsdesk.partners.models import ItemVersion, Partner
from newsdesk.partners.ninjs import with_usage_terms
from newsdesk.partners.outbox import event_type
from newsdesk.partners.schemas import (
    ChangesPage,
    Edition,
    ItemsPage,
    NinjsItem,
    Problem,
    SectionOut,
    TagsPage,
)
from newsdesk.partners.usage import RateLimited, request_admit, usage_add

log = logging.getLogger("newsdesk.partners")

PROBLEM_TYPE = "application/problem+json"
_PROBLEMS: dict[int | str, Any] = {code: Problem for code in (400, 401, 403, 404, 429)}
_SLUG = r"^[-\w]{1,120}$"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# The documented forms of the cursors: any value of these is a place to resume from.
ITEMS_CURSOR = r"^[0-9]{1,11}\.[0-9]{6}_[0-9]{1,18}$"
CHANGES_CURSOR = r"^[0-9]{1,18}$"


class Problematic(Exception):
    def __init__(self, status: int, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


class PartnerKeyAuth(HttpBearer):
    """`Authorization: Bearer <key>`: the partner, once its request is within its rate."""

    def authenticate(self, request: HttpRequest, token: str) -> Partner | None:
        now = timezone.now()
        partner = partner_for_key(token.strip(), now=now)
        if partner is not None:
            request_admit(partner, now=now)  # RateLimited: 429
        return partner


class PartnerAPI(NinjaAPI):
    def create_response(self, request: HttpRequest, data: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        """Every answer is the key's own (its licence, its embargoes): never kept by a shared cache."""
        response = super().create_response(request, data, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Errors are documented as what they are: problem details, not plain JSON."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for code, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(code) >= 400 and "application/json" in content:
                        content[PROBLEM_TYPE] = content.pop("application/json")
        return schema


api = PartnerAPI(
    title="Newsdesk partner API",
    version="1",
    description=(
        "The agency's stories as IPTC ninjs 3.1 items. Authenticate with `Authorization: Bearer <key>`; "
        "sync with the change feed (`/changes`), resuming after the last `cursor` you stored. "
        "Errors are RFC 9457 problem details."
    ),
    urls_namespace="api-v1",
    auth=PartnerKeyAuth(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def problem(request: HttpRequest, status: int, title: str, detail: str, **extra: Any) -> HttpResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_TYPE
    return response


@api.exception_handler(Problematic)
def _problematic(request: HttpRequest, exc: Problematic) -> HttpResponse:
    return problem(request, exc.status, exc.title, exc.detail, **exc.extra)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = problem(
        request, 401, "Unauthorized", "Send a valid, unrevoked API key as `Authorization: Bearer <key>`."
    )
    response["WWW-Authenticate"] = 'Bearer realm="newsdesk"'
    return response


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = problem(request, 429, "Too Many Requests", f"Over this key's rate limit: retry in {exc.retry_after} s.")
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"location": ".".join(str(part) for part in error.get("loc", ())), "message": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    return problem(request, 400, "Bad Request", "Some parameters are not valid.", errors=errors)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(request, 404, "Not Found", str(exc) or "No such resource.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(request, exc.status_code, str(exc), str(exc))


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under /api/: a problem, not the reader's HTML page."""
    return problem(request, 404, "Not Found", "No such endpoint: see /api/v1/docs.")


# Parameters ------------------------------------------------------------------------


Limit = Annotated[int, Field(ge=1, le=100, description="Items a page, at most 100.")]
Slug = Annotated[str, Field(pattern=_SLUG, max_length=120)]


def _items_cursor(value: str | None) -> tuple[datetime, int] | None:
    """(published_at, article id) from "<seconds>.<microseconds>_<id>": any value of the
    documented pattern is a place in the list, so only a value off the pattern is refused."""
    if value is None:
        return None
    seconds, micro, article_id = re.split(r"[._]", value)
    return EPOCH + timedelta(seconds=int(seconds), microseconds=int(micro)), int(article_id)


def _items_cursor_of(version: ItemVersion) -> str:
    since_epoch = version.published_at - EPOCH
    seconds = since_epoch // timedelta(seconds=1)
    return f"{seconds}.{version.published_at.microsecond:06d}_{version.article_id}"


def _change_cursor(value: str | None) -> int:
    return int(value) if value else 0


def _aware(value: datetime | None) -> datetime | None:
    """A time as the database compares it: with its offset, within the stories' moments."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise Problematic(400, "Bad Request", "Give times with their offset, such as 2026-12-01T09:00:00+05:00.")
    try:
        return min(max(value.astimezone(UTC), EARLIEST_MOMENT), LATEST_MOMENT)
    except OverflowError:  # a moment of year 1 or 9999 that UTC cannot hold
        return EARLIEST_MOMENT if value.year < 5000 else LATEST_MOMENT


def _editions(partner: Partner, edition: str | None) -> list[str]:
    allowed = partner_editions(partner)
    if edition is None:
        return allowed
    if edition not in allowed:
        raise Problematic(403, "Forbidden", f"Your licence does not include the {edition} edition.")
    return [edition]


def _languages(editions: list[str]) -> list[str]:
    return list(dict.fromkeys(BY_CODE[code].language for code in editions))


def _shown_editions(partner: Partner, version: ItemVersion, editions: list[str]) -> list[str]:
    return [code for code in editions_for(partner, version.language) if code in editions and code in version.items]


def _item(partner: Partner, version: ItemVersion, edition: str) -> dict[str, Any]:
    return with_usage_terms(version.items[edition], partner.licence)


class ItemFilters(Schema):
    edition: Edition | None = Field(None, description="Only this edition's stories (default: every edition of yours).")
    section: Slug | None = Field(None, description="Only this section's stories (its slug).")
    tag: Slug | None = Field(None, description="Only stories with this tag (its slug in the edition's language).")
    since: datetime | None = Field(None, description="Only stories first published at or after this time.")
    cursor: Annotated[str, Field(pattern=ITEMS_CURSOR)] | None = Field(None, description="The `next_cursor` of a page.")
    limit: Limit = Field(20)


# Endpoints --------------------------------------------------------------------------


@api.get(
    "/items", response={200: ItemsPage, **_PROBLEMS}, exclude_none=True, by_alias=True, summary="The latest stories"
)
def items(request: HttpRequest, filters: Query[ItemFilters]) -> Any:
    """The stories you may take, newest first: each story's current version."""
    partner: Partner = request.auth  # type: ignore[attr-defined]  # set by PartnerKeyAuth
    editions = _editions(partner, filters.edition)
    section_id = None
    if filters.section is not None:
        section = Section.objects.filter(slug=filters.section).only("id").first()
        if section is None:
            raise Problematic(404, "Not Found", f"No section {filters.section}.")
        allowed = section_ids(partner)
        if allowed is not None and section.pk not in allowed:
            raise Problematic(403, "Forbidden", f"Your licence does not include the {filters.section} section.")
        section_id = section.pk
    tag_id = None
    if filters.tag is not None:
        tag = Tag.objects.filter(slug=filters.tag, language__in=_languages(editions)).only("id").first()
        if tag is None:
            raise Problematic(404, "Not Found", f"No tag {filters.tag} in your editions.")
        tag_id = tag.pk
    versions = selectors.items_page(
        partner,
        languages=_languages(editions),
        section_id=section_id,
        tag_id=tag_id,
        since=_aware(filters.since),
        before=_items_cursor(filters.cursor),
        limit=filters.limit,
    )
    found = [_item(partner, v, code) for v in versions for code in _shown_editions(partner, v, editions)]
    usage_add(partner, items=len(found), now=timezone.now())
    more = len(versions) == filters.limit
    return {"items": found, "next_cursor": _items_cursor_of(versions[-1]) if more else None}


@api.get(
    "/changes", response={200: ChangesPage, **_PROBLEMS}, exclude_none=True, by_alias=True, summary="The change feed"
)
def changes(
    request: HttpRequest,
    updated_after: Annotated[str, Field(pattern=CHANGES_CURSOR)] | None = None,
    edition: Edition | None = None,
    limit: Limit = 100,
) -> Any:
    """Every new version, correction and withdrawal of the stories you may take, oldest
    first, after the change `updated_after` (from the start when it is absent). Store the
    answer's `cursor` and pass it next time: nothing is missed, nothing comes twice."""
    partner: Partner = request.auth  # type: ignore[attr-defined]
    editions = _editions(partner, edition)
    after = _change_cursor(updated_after)
    versions = selectors.changes_page(partner, languages=_languages(editions), after=after, limit=limit)
    previous = _previous_versions(versions)
    found = [
        {
            "cursor": str(v.pk),
            "event": event_type(version=v, before=previous.get(v.pk), partner=partner),
            "edition": code,
            "item": _item(partner, v, code),
        }
        for v in versions
        for code in _shown_editions(partner, v, editions)
    ]
    usage_add(partner, items=len(found), now=timezone.now())
    return {
        "changes": found,
        "cursor": str(versions[-1].pk) if versions else str(after),
        "more": len(versions) == limit,
    }


def _previous_versions(versions: list[ItemVersion]) -> dict[int, ItemVersion]:
    """For each version, the story's version before it (one query)."""
    wanted = {(v.article_id, v.version - 1) for v in versions if v.version > 1}
    if not wanted:
        return {}
    rows = ItemVersion.objects.filter(
        article_id__in={a for a, _n in wanted}, version__in={n for _a, n in wanted}
    ).defer("items")
    by_key = {(row.article_id, row.version): row for row in rows}
    return {v.pk: by_key[(v.article_id, v.version - 1)] for v in versions if (v.article_id, v.version - 1) in by_key}


@api.get(
    "/items/{item_id}", response={200: NinjsItem, **_PROBLEMS}, exclude_none=True, by_alias=True, summary="One story"
)
def item(
    request: HttpRequest,
    item_id: Annotated[int, Field(ge=1, le=2**62)],
    edition: Edition | None = None,
    version: Annotated[int, Field(ge=1, le=2**31)] | None = None,
) -> Any:
    """One story by its number (`altIds`), in its current version or in `version`."""
    partner: Partner = request.auth  # type: ignore[attr-defined]
    editions = _editions(partner, edition)
    found = selectors.item_version(partner, article_id=item_id, version=version, languages=_languages(editions))
    shown = _shown_editions(partner, found, editions) if found is not None else []
    if found is None or not shown:
        raise Problematic(404, "Not Found", "No such item, or not one you may take.")
    usage_add(partner, items=1, now=timezone.now())
    return _item(partner, found, shown[0])


@api.get("/sections", response={200: list[SectionOut], **_PROBLEMS}, summary="Sections")
def sections(request: HttpRequest) -> Any:
    """The sections whose stories you may take."""
    partner: Partner = request.auth  # type: ignore[attr-defined]
    allowed = section_ids(partner)
    rows = Section.objects.all() if allowed is None else Section.objects.filter(pk__in=allowed)
    usage_add(partner, items=0, now=timezone.now())
    return [
        {
            "slug": row.slug,
            "names": {
                code: in_script(row.name_for(BY_CODE[code].language), edition=code)
                for code in partner_editions(partner)
            },
        }
        for row in rows
    ]


@api.get("/tags", response={200: TagsPage, **_PROBLEMS}, summary="Tags")
def tags(
    request: HttpRequest,
    edition: Edition | None = None,
    cursor: Annotated[str, Field(pattern=CHANGES_CURSOR)] | None = None,
    limit: Limit = 100,
) -> Any:
    """The tags of your editions' stories, in the order they were made."""
    partner: Partner = request.auth  # type: ignore[attr-defined]
    editions = _editions(partner, edition)
    after = _change_cursor(cursor)
    rows = list(Tag.objects.filter(language__in=_languages(editions), pk__gt=after).order_by("pk")[:limit])
    found = [
        {"id": row.pk, "slug": row.slug, "name": in_script(row.name, edition=code), "edition": code,
         "uri": absolute_url(edition_url("public:tag", edition=code, slug=row.slug))}
        for row in rows
        for code in editions
        if BY_CODE[code].language == row.language
    ]  # fmt: skip
    usage_add(partner, items=0, now=timezone.now())
    return {"tags": found, "next_cursor": str(rows[-1].pk) if len(rows) == limit else None}
