"""The partner API's typed schemas: its OpenAPI document is made from them, and every
answer is checked against them. The item is IPTC ninjs 3.1, the fields Newsdesk writes
(partners/ninjs.py); errors are RFC 9457 problem details."""

from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from newsdesk.editions.definition import EDITION_CODES

Edition = Literal[EDITION_CODES]  # type: ignore[valid-type]  # the codes, known when settings load
DateTime = Field(json_schema_extra={"format": "date-time"})


class Strict(Schema):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Text(Strict):
    role: str | None = None
    contentType: str | None = None
    value: str


class Body(Text):
    charCount: int | None = None
    wordCount: int | None = None


class Subject(Strict):
    name: str
    rel: str
    literal: str
    uri: str


class Person(Strict):
    name: str
    rel: str
    literal: str | None = None
    uri: str | None = None


class InfoSource(Strict):
    name: str
    role: str
    uri: str | None = None


class Rendition(Strict):
    name: str
    href: str
    contentType: str | None = None
    title: str | None = None
    width: int | None = None
    height: int | None = None
    sizeInBytes: int | None = None


class AltId(Strict):
    role: str
    value: str


class Standard(Strict):
    name: str
    version: str
    schema_uri: str = Field(alias="schema")


class Association(Strict):
    name: str
    rel: str
    uri: str
    type: Literal["text", "picture"]
    language: str | None = None
    by: str | None = None
    usageTerms: str | None = None
    headlines: list[Text] | None = None
    descriptions: list[Text] | None = None
    renditions: list[Rendition]


class NinjsItem(Strict):
    """A story in one edition, as IPTC ninjs 3.1."""

    uri: str
    standard: Standard
    type: Literal["text"]
    representationType: Literal["full", "partial"]
    profile: str
    version: str
    firstCreated: str = DateTime
    versionCreated: str = DateTime
    embargoedUntil: str | None = Field(None, json_schema_extra={"format": "date-time"})
    pubStatus: Literal["usable", "withheld", "canceled"]
    urgency: int = Field(ge=1, le=9)
    language: str
    altIds: list[AltId]
    headlines: list[Text]
    descriptions: list[Text] | None = None
    bodies: list[Body]
    subjects: list[Subject]
    people: list[Person] | None = None
    by: str | None = None
    infoSources: list[InfoSource]
    copyrightHolder: str
    copyrightNotice: str | None = None
    usageTerms: str | None = None
    renditions: list[Rendition]
    associations: list[Association] | None = None
    edNote: str | None = None


class ItemsPage(Strict):
    items: list[NinjsItem]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next (older) page; absent on the last.")


class ChangeOut(Strict):
    cursor: str = Field(description="This change's place in the feed: resume after it with `updated_after`.")
    event: Literal["item.published", "item.withheld", "item.corrected", "item.updated", "item.withdrawn"]
    edition: Edition
    item: NinjsItem


class ChangesPage(Strict):
    changes: list[ChangeOut]
    cursor: str = Field(description="Where this page ends: the next poll's `updated_after`.")
    more: bool = Field(description="True when more changes are waiting: ask again at once.")


class SectionOut(Strict):
    slug: str
    names: dict[str, str] = Field(description="The section's name in each edition.")


class TagOut(Strict):
    id: int
    slug: str
    name: str
    edition: Edition
    uri: str


class TagsPage(Strict):
    tags: list[TagOut]
    next_cursor: str | None = None


class Problem(Strict):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, Any]] | None = None
