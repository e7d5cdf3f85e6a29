"""The reference articles in Russian and Kazakh: demo translations, marked as such.

Each translation is its own article in the story's translation group, published at the
same minute, with its own tags and a copy of the photo whose alt text is translated.
It gets the same history of views as the English original, so each edition's Most
viewed lists come out as the reference page's.
"""

import tomllib
from pathlib import Path

from newsdesk.content import services
from newsdesk.content.models import Article, Photo, Tag
from newsdesk.content.text import paragraphs_to_html
from newsdesk.editions.ascii import ascii_slug
from newsdesk.newsroom import services as workflow

DATA = Path(__file__).parent / "data"
LANGUAGES = ("ru", "kk")
DEMO_TRANSLATION_NOTE = {
    "ru": "Демонстрационный перевод: сделан для демо-версии Newsdesk с английского текста.",
    "kk": "Демонстрациялық аударма: Newsdesk демо-нұсқасы үшін ағылшын мәтінінен жасалды.",
}
DEMO_TEXT_NOTE = {
    "ru": "Демонстрационный текст: краткое изложение, написанное для демо-версии Newsdesk; "
    "оригинальная статья не воспроизводится.",
    "kk": "Демонстрациялық мәтін: Newsdesk демо-нұсқасы үшін жазылған қысқаша мазмұн; "
    "түпнұсқа мақала қайта жарияланбайды.",
}


def read_translations(language: str) -> dict:
    with (DATA / f"reference.{language}.toml").open("rb") as f:
        data = tomllib.load(f)
    return {"articles": {item["key"]: item for item in data["article"]}, "tags": data["tags"]}


def load_translation(*, original: Article, item: dict, translated: dict, language: str) -> Article:
    """The `language` version of `original` (an English reference article), published with it."""
    paragraphs = list(translated["body"])
    if item.get("demo_text"):
        paragraphs.append(DEMO_TEXT_NOTE[language])
    paragraphs.append(DEMO_TRANSLATION_NOTE[language])
    article = services.article_create(
        by=None,
        language=language,
        title=translated["title"],
        lead=translated["body"][0],
        body=paragraphs_to_html(paragraphs),
        section=original.section,
        source=original.source,
        photo=_photo_in(language, original.photo, translated.get("alt")),
        tags=[_tag(language, name) for name in translated.get("tags", [])],
        translation_group=original.translation_group,
    )
    article.translation_of = original
    article.translated_from_version = original.version
    article.save(update_fields=["translation_of", "translated_from_version"])
    return workflow.article_publish(article=article, by=None, at=original.published_at)


def _photo_in(language: str, photo: Photo | None, alt: str | None) -> Photo | None:
    """The same picture (file and renditions shared) with the alt text in `language`."""
    if photo is None:
        return None
    copy = Photo(
        file=photo.file.name,
        width=photo.width,
        height=photo.height,
        alt_text=alt or photo.alt_text,
        credit=photo.credit,
        licence=photo.licence,
        renditions=photo.renditions,
    )
    copy.save()
    return copy


def _tag(language: str, name: str) -> Tag:
    tag, _created = Tag.objects.get_or_create(language=language, slug=ascii_slug(name), defaults={"name": name})
    return tag
