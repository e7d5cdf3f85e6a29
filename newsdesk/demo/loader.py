"""Loading the demo edition: the reference page as live data, plus a generated archive.

The reference articles also come in Russian and Kazakh: demo translations, marked as
such. Each is its own article in the story's translation group, published at the same
minute, with its own tags and a copy of the photo whose alt text is translated; it gets
the same history of views as the English original, so each edition's Most viewed lists
come out as the reference page's.
"""

import logging
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from newsdesk.audience.services import HourlyViews, views_import_daily, views_import_history
from newsdesk.content import services
from newsdesk.content.models import Article, Author, Byline, FrontSlot, Photo, Section, Source
from newsdesk.content.text import paragraphs_to_html
from newsdesk.demo import generated
from newsdesk.demo.authors import load_authors
from newsdesk.demo.history import ArticleViews, build_histories
from newsdesk.demo.images import live_poster_jpeg, placeholder_jpeg, share_card_jpeg
from newsdesk.demo.pages import demo_pages_load
from newsdesk.demo.schedule import demo_schedule_load
from newsdesk.editions.models import Transliteration
from newsdesk.newsroom import front
from newsdesk.newsroom import services as workflow
from newsdesk.newsroom.models import PublishedChange
from newsdesk.partners.versions import versions_backfill
from newsdesk.siteconfig.models import SiteSettings
from newsdesk.syndication.archive import archive_days_rebuild

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
DATA_FILE = DATA / "reference.toml"
DEMO_IMAGE_CREDIT = "Newsdesk demo image"
LANGUAGE = "en"
TRANSLATED_INTO = ("ru", "kk")
DEMO_TEXT_NOTE = {
    "en": "Demo text: a short summary written for the Newsdesk demo; the original article is not reproduced.",
    "ru": "Демонстрационный текст: краткое изложение, написанное для демо-версии Newsdesk; "
    "оригинальная статья не воспроизводится.",
    "kk": "Демонстрациялық мәтін: Newsdesk демо-нұсқасы үшін жазылған қысқаша мазмұн; "
    "түпнұсқа мақала қайта жарияланбайды.",
}
DEMO_EMBED_NOTE = {
    "en": "Demo video: YouTube's sample of its embedded player, added to show an embed; it is not part of the story.",
    "ru": "Демонстрационное видео: образец встроенного плеера YouTube, добавлен, чтобы показать встраивание; "
    "к материалу не относится.",
    "kk": "Демонстрациялық бейне: YouTube ендірілген ойнатқышының үлгісі, ендіруді көрсету үшін қосылды; "
    "материалға қатысы жоқ.",
}
# What a placeholder photo says of itself, in its story's language.
DEMO_IMAGE_LABEL = {"en": "Demo image", "ru": "Демо-изображение", "kk": "Демо сурет"}
DEMO_TRANSLATION_NOTE = {
    "ru": "Демонстрационный перевод: сделан для демо-версии Newsdesk с английского текста.",
    "kk": "Демонстрациялық аударма: Newsdesk демо-нұсқасы үшін ағылшын мәтінінен жасалды.",
}


@dataclass
class LoadResult:
    reference_articles: int
    generated_articles: int
    shift_days: int


def read_reference(path: Path = DATA_FILE) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def shift_for(*, reference_date: date, now: datetime, zone: ZoneInfo) -> timedelta:
    """Whole days that make the reference evening the day before `now` (in the agency's zone)."""
    load_day = timezone.localtime(now, zone).date()
    return (load_day - timedelta(days=1)) - reference_date


def reference_time(item: dict, zone: ZoneInfo, shift: timedelta) -> datetime:
    """The article's date and time from the page, moved by `shift` days, same time of day."""
    day = datetime.strptime(item["date"], "%d.%m.%Y").date() + shift
    hours, minutes = (int(part) for part in item["time"].split(":"))
    return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=zone)


@transaction.atomic
def load_demo(*, now: datetime | None = None, generated_count: int = 336, live_stream_url: str = "") -> LoadResult:
    """Load everything. `live_stream_url` is the stream the internet TV block plays, if any."""
    now = now or timezone.now()
    data = read_reference()
    zone = ZoneInfo(data["site"]["time_zone"])
    _load_site(data["site"], live_stream_url)
    demo_schedule_load(now=now, zone=zone)
    sections = _load_sections(data["section"])
    sources = _load_sources(data["source"])
    shift = shift_for(reference_date=date.fromisoformat(data["reference_date"]), now=now, zone=zone)

    translations = {
        language: {item["key"]: item for item in read_reference(DATA / f"reference.{language}.toml")["article"]}
        for language in TRANSLATED_INTO
    }
    _load_latin_spellings()
    histories, versions = [], {}
    for item in data["article"]:
        article = _load_reference_article(item, zone=zone, shift=shift, sections=sections, sources=sources)
        assert article.published_at is not None  # just published
        if "demo_update" in item:
            _show_as_updated(article, item=item, now=now)
        histories.append(
            ArticleViews(key=item["key"], published_at=article.published_at, views=item["views"], article_id=article.pk)
        )
        loaded = [article] + [
            _load_translation(
                original=article, item=item, translated=translations[language][item["key"]], language=language
            )
            for language in TRANSLATED_INTO
        ]
        if "demo_correction" in item:
            notes = [item["demo_correction"]["note"]]
            notes += [translations[language][item["key"]]["demo_correction"] for language in TRANSLATED_INTO]
            for version, note in zip(loaded, notes, strict=True):
                _show_as_corrected(version, hours_after=item["demo_correction"]["hours_after"], note=note, now=now)
        versions[item["key"]] = [version.pk for version in loaded]
    _place_on_front(versions, now=now)
    build_histories(histories, data["most_viewed"], now, zone)
    for history in histories:
        hours = [HourlyViews(hour=h, views=v) for h, v in zip(history.buckets, history.hourly, strict=True)]
        for article_id in versions[history.key]:
            views_import_history(article_id=article_id, hours=hours, zone=zone)

    oldest_reference = min(h.published_at for h in histories).astimezone(zone).date()
    items = generated.generate(
        count=generated_count, newest_day=oldest_reference - timedelta(days=1), days=120, zone=zone
    )
    authors = load_authors()
    stock = _stock_photos(sections) if items else {}
    for item in items:
        _load_generated_article(item, sections=sections, authors=authors, stock=stock)
    # The sitemaps' per-day figures, at once rather than at the worker's first round; the
    # partner API's first version of every story (loaded directly, not published).
    archive_days_rebuild()
    versions_backfill()
    log.info("Demo edition loaded: %d reference and %d generated articles", len(histories), len(items))
    return LoadResult(len(histories), len(items), shift.days)


# What the demo's front page shows a new user: a pinned top story, and a breaking news
# banner, in every edition, from whenever the demo is loaded (its `now` may be past).
DEMO_TOP_STORY, DEMO_PINNED_FOR = "ilo", timedelta(days=7)
DEMO_BREAKING_STORY, DEMO_BREAKING_FOR = "solar-flares", timedelta(hours=12)


def _place_on_front(versions: dict[str, list[int]], *, now: datetime) -> None:
    start = max(now, timezone.now())
    for article in Article.objects.filter(pk__in=versions[DEMO_TOP_STORY]):
        if article.is_visible:  # a demo dated in the future has no story on the site yet
            front.front_pin(article=article, slot=FrontSlot.TOP, until=start + DEMO_PINNED_FOR, by=None)
    for article in Article.objects.filter(pk__in=versions[DEMO_BREAKING_STORY]):
        if article.is_visible:
            front.breaking_start(article=article, by=None, until=start + DEMO_BREAKING_FOR)


def _load_latin_spellings() -> None:
    """The reference page's foreign names in the Latin edition: "Ugochi Daniels", not the
    "Ugotşi Deniels" transliteration makes of Угочи Дэниелс."""
    for cyrillic, latin in read_reference(DATA / "reference.kk.toml").get("latin_spellings", {}).items():
        Transliteration.objects.update_or_create(cyrillic=cyrillic, defaults={"latin": latin})


def _load_site(site: dict, live_stream_url: str) -> None:
    settings_row, _created = SiteSettings.objects.get_or_create(pk=1)
    for field in ("name_en", "name_ru", "name_kk", "reprint_notice_en", "reprint_notice_ru", "reprint_notice_kk"):
        setattr(settings_row, field, site[field])
    settings_row.time_zone = site["time_zone"]
    settings_row.live_stream_title_en = site["live_stream_title"]
    settings_row.live_stream_title_ru = site["live_stream_title_ru"]
    settings_row.live_stream_title_kk = site["live_stream_title_kk"]
    settings_row.live_stream_url = live_stream_url
    settings_row.same_as = "\n".join(site["same_as"])
    demo_pages_load(settings_row)  # the agency's pages, its legal details and social links
    if not settings_row.share_image:  # made once: a second load keeps the file it made
        card = share_card_jpeg(name=site["name_en"])
        settings_row.share_image = ContentFile(card, name="demo-share.jpg")
    if not settings_row.live_poster:
        poster = live_poster_jpeg(name=site["name_en"])
        settings_row.live_poster = ContentFile(poster, name="demo-live-poster.jpg")
    settings_row.full_clean()
    settings_row.save()


def _load_sections(items: list[dict]) -> dict[str, Section]:
    sections = {}
    for position, item in enumerate(items):
        section, _created = Section.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name_en": item["name_en"],
                "name_ru": item["name_ru"],
                "name_kk": item["name_kk"],
                "position": position,
            },
        )
        sections[item["slug"]] = section
    return sections


def _load_sources(items: list[dict]) -> dict[str, Source]:
    sources = {}
    for item in items:
        source, _created = Source.objects.update_or_create(
            name_en=item["name_en"],
            defaults={"name_ru": item["name_ru"], "name_kk": item["name_kk"], "url": item["url"]},
        )
        sources[item["key"]] = source
    return sources


def _placeholder_photo(*, title: str, section: str, credit: str, alt: str, language: str = LANGUAGE) -> Photo:
    content = placeholder_jpeg(title=title, credit=credit, section=section, label=DEMO_IMAGE_LABEL[language])
    name = f"demo-{slugify(title)[:60] or 'photo'}.jpg"
    return services.photo_create(by=None, file=ContentFile(content, name=name), alt_text=alt, credit=credit)


def _paragraphs(item: dict, body: list[str], language: str) -> list[str]:
    """The text as written, then its demo video (an address alone in its paragraph, which
    the body keeps as an embed), then the notes that say what is demo material."""
    notes = [item["demo_embed"], DEMO_EMBED_NOTE[language]] if "demo_embed" in item else []
    if item.get("demo_text"):
        notes.append(DEMO_TEXT_NOTE[language])
    if language != LANGUAGE:
        notes.append(DEMO_TRANSLATION_NOTE[language])
    return [*body, *notes]


def _load_reference_article(
    item: dict, *, zone: ZoneInfo, shift: timedelta, sections: dict[str, Section], sources: dict[str, Source]
) -> Article:
    photo = None
    if "credit" in item:
        photo = _placeholder_photo(
            title=item["title"], section=item["section"], credit=item["credit"], alt=item.get("alt", item["title"])
        )
    elif item.get("demo_text"):
        photo = _placeholder_photo(
            title=item["title"], section=item["section"], credit=DEMO_IMAGE_CREDIT, alt=item["title"]
        )
    article = services.article_create(
        by=None,
        language=LANGUAGE,
        title=item["title"],
        lead=item["body"][0],
        body=paragraphs_to_html(_paragraphs(item, item["body"], LANGUAGE)),
        section=sections[item["section"]],
        source=sources[item["source"]],
        photo=photo,
        tags=services.tags_named(language=LANGUAGE, names=item.get("tags", [])),
    )
    return workflow.article_publish(article=article, by=None, at=reference_time(item, zone, shift))


def _show_as_updated(article: Article, *, item: dict, now: datetime) -> None:
    """The story as its desk updated it some hours after publication: a paragraph more,
    shown to readers as "Updated" (no correction note)."""
    if not article.is_visible:
        return  # a load dated ahead of the clock (--now) leaves its stories scheduled
    update = item["demo_update"]
    assert article.published_at is not None  # published
    at = min(article.published_at + timedelta(hours=update["hours_after"]), now)
    body = [*item["body"], update["text"]]
    article.body = paragraphs_to_html(_paragraphs(item, body, LANGUAGE))
    workflow.article_save(article=article, by=None, kind=PublishedChange.UPDATE, at=at)


def _show_as_corrected(article: Article, *, hours_after: float, note: str, now: datetime) -> None:
    """The story as its desk corrected it some hours after publication: a public note, in
    the corrections block under it and in its edition's corrections log."""
    if not article.is_visible:
        return  # a load dated ahead of the clock (--now) leaves its stories scheduled
    assert article.published_at is not None  # published
    at = min(article.published_at + timedelta(hours=hours_after), now)
    workflow.article_save(article=article, by=None, kind=PublishedChange.CORRECTION, correction_note=note, at=at)


def _load_translation(*, original: Article, item: dict, translated: dict, language: str) -> Article:
    """A demo translation of `original` (an English reference article), published with it."""
    article = services.article_create(
        by=None,
        language=language,
        title=translated["title"],
        lead=translated["body"][0],
        body=paragraphs_to_html(_paragraphs(item, translated["body"], language)),
        section=original.section,
        source=original.source,
        photo=_photo_in(original, title=translated["title"], alt=translated.get("alt"), language=language),
        tags=services.tags_named(language=language, names=translated.get("tags", [])),
        translation_of=original,
    )
    return workflow.article_publish(article=article, by=None, at=original.published_at)


def _photo_in(original: Article, *, title: str, alt: str | None, language: str) -> Photo | None:
    """The translation's own placeholder: the picture says what it shows, and its alt text
    describes it, in the translation's language."""
    photo = original.photo
    if photo is None:
        return None
    return _placeholder_photo(
        title=title, section=original.section.slug, credit=photo.credit, alt=alt or title, language=language
    )


def _stock_photos(sections: dict[str, Section]) -> dict[str, Photo]:
    """One stock photo per section, shared by the generated articles, as agencies reuse them."""
    return {
        slug: _placeholder_photo(
            title=f"{section.name_en}: demo stock photo",
            section=slug,
            credit=DEMO_IMAGE_CREDIT,
            alt=f"{section.name_en}: a generated placeholder",
        )
        for slug, section in sections.items()
    }


def _load_generated_article(
    item: generated.GeneratedArticle,
    *,
    sections: dict[str, Section],
    authors: dict[str, Author],
    stock: dict[str, Photo],
) -> Article:
    photo = stock[item.section] if item.has_photo else None
    article = services.article_create(
        by=None,
        language=LANGUAGE,
        title=item.title,
        lead=item.lead,
        body=paragraphs_to_html(item.paragraphs),
        section=sections[item.section],
        photo=photo,
        tags=services.tags_named(language=LANGUAGE, names=item.tags),
    )
    Byline.objects.create(article=article, author=authors[item.author], role=Byline.Role.REPORTED_BY)
    workflow.article_publish(article=article, by=None, at=item.published_at)
    views_import_daily(article_id=article.pk, days=item.daily_views)
    return article
