"""What a revision records of a story besides its text: its section, tags, photo, bylines
and source, as ids and the names they had at the time, so that history still shows what a
tag renamed or deleted since was called.

Stored in `Revision.snapshot` as JSON:

    {"section": {"id": 3, "name": "Politics"},
     "tags": [{"id": 7, "name": "дипломатия"}],                 (by name)
     "photo": {"id": 12, "name": "The meeting", "credit": "gov.kz"} or null,
     "source": {"id": 2, "name": "Kazinform"} or null,
     "bylines": [{"author": {"id": 5, "name": "Aigerim Sarsenova"}, "role": "reported", "position": 0}]}

Sections and sources are named in the story's language. A revision saved before
revisions recorded these has none (`snapshot_read` gives None): history says "not
recorded" rather than showing a difference that was never made.
"""

from dataclasses import dataclass
from typing import Any

from newsdesk.content.models import Article, Byline, Photo, Section, Source, Tag


@dataclass(frozen=True)
class Named:
    id: int
    name: str
    detail: str = ""  # a photo's credit


@dataclass(frozen=True)
class Credit:
    author: Named
    role: str  # Byline.Role's value
    position: int


@dataclass(frozen=True)
class Snapshot:
    section: Named | None
    tags: tuple[Named, ...]
    photo: Named | None
    source: Named | None
    bylines: tuple[Credit, ...]


def _named_in(model: type[Section] | type[Source], pk: int | None, language: str) -> dict[str, Any] | None:
    if pk is None:
        return None
    row = model.objects.only("name_en", "name_ru", "name_kk").filter(pk=pk).first()
    return {"id": pk, "name": row.name_for(language)} if row else None


def snapshot_take(article: Article) -> dict[str, Any]:
    """The story's section, tags, photo, bylines and source as stored now (five small reads)."""
    photo = (
        Photo.objects.filter(pk=article.photo_id).values("id", "alt_text", "credit").first()
        if article.photo_id
        else None
    )
    tags = Tag.objects.filter(articles=article).order_by("name", "id").values_list("id", "name")
    bylines = (
        Byline.objects.filter(article=article)
        .order_by("position", "id")
        .values_list("author_id", "author__name", "role", "position")
    )
    return {
        "section": _named_in(Section, article.section_id, article.language),
        "tags": [{"id": pk, "name": name} for pk, name in tags],
        "photo": {"id": photo["id"], "name": photo["alt_text"], "credit": photo["credit"]} if photo else None,
        "source": _named_in(Source, article.source_id, article.language),
        "bylines": [
            {"author": {"id": author_id, "name": name}, "role": role, "position": position}
            for author_id, name, role, position in bylines
        ],
    }


def _named(value: Any) -> Named | None:
    if not isinstance(value, dict) or not isinstance(value.get("id"), int):
        return None
    return Named(id=value["id"], name=str(value.get("name", "")), detail=str(value.get("credit", "")))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def snapshot_read(data: Any) -> Snapshot | None:
    """A stored snapshot as values; None when the revision recorded none. What it cannot
    read (a key missing, a value of another type) counts as absent."""
    if not isinstance(data, dict):
        return None
    credits = []
    for byline in _list(data.get("bylines")):
        author = _named(byline.get("author")) if isinstance(byline, dict) else None
        if author is not None:
            position = byline.get("position")
            credits.append(Credit(author, str(byline.get("role", "")), position if isinstance(position, int) else 0))
    return Snapshot(
        section=_named(data.get("section")),
        tags=tuple(tag for tag in map(_named, _list(data.get("tags"))) if tag is not None),
        photo=_named(data.get("photo")),
        source=_named(data.get("source")),
        bylines=tuple(credits),
    )
