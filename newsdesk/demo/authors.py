"""The demo's authors: the people in the generated archive's bylines, with a role and a
short biography in each language and, for some, a generated portrait."""

import tomllib
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.text import slugify

from newsdesk.content import services
from newsdesk.content.models import Author, Photo
from newsdesk.demo.images import portrait_jpeg

AUTHORS_FILE = Path(__file__).parent / "data" / "authors.toml"
PORTRAIT_CREDIT = "Newsdesk demo image"
LANGUAGES = ("en", "ru", "kk")
DEMO_AUTHOR_NOTE = {
    "en": "A demo author: the person is invented for the Newsdesk demo.",
    "ru": "Демонстрационный автор: этот человек придуман для демо-версии Newsdesk.",
    "kk": "Демонстрациялық автор: бұл адам Newsdesk демо-нұсқасы үшін ойдан шығарылған.",
}


def read_authors(path: Path = AUTHORS_FILE) -> list[dict]:
    with path.open("rb") as f:
        return tomllib.load(f)["author"]


def load_authors() -> dict[str, Author]:
    """Every demo author by name, created or brought up to date (a portrait is made once)."""
    authors = {}
    for item in read_authors():
        fields = {f"job_title_{code}": item[f"job_title_{code}"] for code in LANGUAGES} | {
            f"biography_{code}": f"{item[f'biography_{code}']} {DEMO_AUTHOR_NOTE[code]}" for code in LANGUAGES
        }
        author = Author.objects.filter(name=item["name"]).first() or Author(name=item["name"])
        for field, value in fields.items():
            setattr(author, field, value)
        if item.get("portrait") and author.photo_id is None:
            author.photo = _portrait(author.name)
        author.full_clean()  # plain text, as the back office's form takes it
        author.save()
        authors[author.name] = author
    return authors


def _portrait(name: str) -> Photo:
    file = ContentFile(portrait_jpeg(name=name), name=f"demo-portrait-{slugify(name)}.jpg")
    return services.photo_create(
        by=None, file=file, alt_text=f"{name}: a generated placeholder portrait", credit=PORTRAIT_CREDIT
    )
