import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Sum
from django.utils import timezone

from newsdesk.audience.models import ViewDay, ViewHour, ViewTotal
from newsdesk.audience.rankings import most_viewed
from newsdesk.audience.selectors import attach_counts
from newsdesk.content.models import Article
from newsdesk.demo.loader import DEMO_IMAGE_CREDIT, load_demo, read_reference
from tests.demo.conftest import LOADED_AT

ALMATY = ZoneInfo("Asia/Almaty")
# A load on 26.11.2026 at 09:15 in Almaty: the reference evening becomes 25.11.2026.
REFERENCE = read_reference()
TITLES = {item["key"]: item["title"] for item in REFERENCE["article"]}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_media):
    """The demo edition, loaded once for this module inside a transaction rolled back at its end."""
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load_demo(now=LOADED_AT, generated_count=40)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _in_the_demo(db):
    """Every test here runs in its own savepoint on top of the loaded demo."""


def test_the_reference_evening_becomes_the_day_before_the_load(demo):
    who = Article.objects.get(title=TITLES["who"])
    assert who.published_at == datetime(2025, 12, 11, 20, 30, tzinfo=ALMATY) + timedelta(days=demo.shift_days)
    assert who.published_at.astimezone(ALMATY).date() == LOADED_AT.date() - timedelta(days=1)
    # Every article keeps its time of day from the page.
    for item in REFERENCE["article"]:
        local = Article.objects.get(title=item["title"]).published_at.astimezone(ALMATY)
        assert local.strftime("%H:%M") == item["time"]


def test_home_leads_with_the_pinned_story_then_the_reference_article_with_its_time_and_views(
    client, demo, time_machine_at_load
):
    html = client.get("/en/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    first_title = main.index('class="teaser-title"')
    assert TITLES["ilo"] in main[first_title : first_title + 300]  # pinned by the demo
    second_title = main.index('class="teaser-title"', first_title + 1)
    assert TITLES["who"] in main[second_title : second_title + 300]
    assert "25.11.2026, 20:30" in main[: main.index(TITLES["who"])]
    assert ">14,706<" in main[: main.index(TITLES["who"])]


def test_every_count_is_the_pages_and_adds_up_in_the_buckets(demo):
    for item in REFERENCE["article"]:
        article = Article.objects.get(title=item["title"])
        total = ViewTotal.objects.get(article=article).views
        hourly = ViewHour.objects.filter(article=article).aggregate(s=Sum("views"))["s"]
        daily = ViewDay.objects.filter(article=article).aggregate(s=Sum("views"))["s"]
        assert total == hourly == daily == item["views"], item["key"]
        first_hour = ViewHour.objects.filter(article=article).order_by("hour").first().hour
        assert first_hour >= article.published_at.replace(minute=0, second=0, microsecond=0)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_rankings_from_the_history_reproduce_the_pages_most_viewed(demo, time_machine_at_load, language):
    lists = most_viewed(language=language, limit=5)
    attach_counts([article for ranked in lists.values() for article in ranked])
    for window, keys in REFERENCE["most_viewed"].items():
        expected = [_version(TITLES[k], language).title for k in keys]
        assert [a.title for a in lists[window]] == expected, window
    assert [a.views for a in lists["week"]] == [144976, 132166, 121901, 120831, 120771]
    assert [a.views for a in lists["month"]] == [291386, 277236, 217001, 177471, 170686]


def test_photos_carry_the_pages_credits(demo):
    credits = {a.title: a.photo.credit if a.photo else None for a in Article.objects.select_related("photo")}
    assert credits[TITLES["who"]] == "gov.kz"
    assert credits[TITLES["cold-spell"]] == "Depositphotos"
    assert credits[TITLES["solar-flares"]] == "NASA"
    assert credits[TITLES["wmo"]] is None  # no photo on the page either
    assert credits[TITLES["konya"]] == DEMO_IMAGE_CREDIT


def test_a_translations_photo_says_what_it_shows_in_its_language(demo, demo_media):
    """Its own placeholder, headline and alt text in Russian or Kazakh, the credit kept."""
    original = Article.objects.select_related("photo").get(title=TITLES["who"])
    for language in ("ru", "kk"):
        version = Article.objects.select_related("photo").get(
            translation_group=original.translation_group, language=language
        )
        assert version.photo.file.name != original.photo.file.name
        assert version.photo.credit == original.photo.credit == "gov.kz"
        assert version.photo.alt_text != original.photo.alt_text
        assert re.search("[а-яәіңғүұқөһ]", version.photo.alt_text)
        assert (demo_media / version.photo.file.name).stat().st_size > 0


def test_demo_photos_are_stored_as_uploads_are(demo, demo_media):
    import re

    from PIL import Image

    from newsdesk.content.models import Photo

    names = set(Photo.objects.values_list("file", flat=True))
    assert names and all(re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", name) for name in names)
    for name in names:
        with Image.open(demo_media / name) as image:
            assert image.format == "JPEG" and "exif" not in image.info and "comment" not in image.info


def test_generated_articles_are_marked_and_older_than_the_reference(demo):
    reference = Article.objects.filter(title__in=TITLES.values())
    generated = Article.objects.filter(language="en").exclude(title__in=TITLES.values())
    assert generated.count() == 40
    assert all(a.title.startswith("Demo: ") and "Generated demo article" in a.body for a in generated)
    oldest_reference = min(a.published_at for a in reference)
    assert max(a.published_at for a in generated) < oldest_reference
    assert len({a.section_id for a in generated}) == 7


def _version(english_title: str, language: str) -> Article:
    original = Article.objects.get(title=english_title)
    return Article.objects.get(translation_group=original.translation_group, language=language)


def test_every_reference_story_has_marked_russian_and_kazakh_versions(demo):
    for title in TITLES.values():
        original = Article.objects.get(title=title)
        for language, marker in (("ru", "Демонстрационный перевод"), ("kk", "Демонстрациялық аударма")):
            version = _version(title, language)
            assert marker in version.body and version.published_at == original.published_at
            assert version.translation_of == original and version.is_visible


def test_missing_bodies_are_marked_as_demo_text(demo):
    assert "Demo text:" in Article.objects.get(title=TITLES["konya"]).body
    assert "Demo text:" not in Article.objects.get(title=TITLES["who"]).body


def test_one_story_shows_a_video_embed_in_every_language(client, demo):
    embed = (
        '<figure class="embed" data-provider="youtube" data-id="M7lc1UVf-VE">'
        '<a href="https://www.youtube.com/watch?v=M7lc1UVf-VE" rel="noopener noreferrer nofollow">'
    )
    original = Article.objects.get(title=TITLES["supercomputers"])
    for language, note in (("en", "Demo video:"), ("ru", "Демонстрационное видео:"), ("kk", "Демонстрациялық бейне:")):
        version = original if language == "en" else _version(original.title, language)
        assert embed in version.body and note in version.body, language
    assert Article.objects.filter(body__contains='class="embed"').count() == 3
    html = client.get(original.get_absolute_url()).content.decode()
    assert "Load the video from YouTube" in html and "<iframe" not in html


def test_the_demo_authors_have_roles_and_biographies_in_each_language(demo):
    from newsdesk.content.models import Author, Byline
    from newsdesk.demo import generated

    authors = Author.objects.filter(name__in=generated.AUTHORS).select_related("photo")
    assert sorted(a.name for a in authors) == sorted(generated.AUTHORS)
    for author in authors:
        titles = [author.job_title_for(edition) for edition in ("en", "ru", "kk")]
        assert all(titles) and len(set(titles)) == 3, author.name
        assert "A demo author" in author.biography_for("en")
        assert "Демонстрационный автор" in author.biography_for("ru")
        assert "Демонстрациялық автор" in author.biography_for("kk")
        latin = author.biography_for("kk-latn")
        assert latin and not any("\u0400" <= c <= "\u04ff" for c in latin)  # the Latin edition's own letters
        assert Byline.objects.filter(author=author).exists()  # their stories are in the archive
    portraits = [a.photo for a in authors if a.photo is not None]
    assert 1 <= len(portraits) <= 2
    assert all(p.credit == DEMO_IMAGE_CREDIT and p.renditions and p.width == p.height for p in portraits)


def test_loading_the_authors_again_changes_nothing(demo):
    from newsdesk.content.models import Author, Photo
    from newsdesk.demo.authors import load_authors

    before = list(Author.objects.order_by("pk").values_list("pk", "slug", "photo_id", "biography_en"))
    photos = Photo.objects.count()
    load_authors()
    assert list(Author.objects.order_by("pk").values_list("pk", "slug", "photo_id", "biography_en")) == before
    assert Photo.objects.count() == photos  # no second portrait


def test_the_agency_has_a_share_image_a_live_poster_and_its_accounts_elsewhere(demo, demo_media):
    from urllib.parse import urlsplit

    from PIL import Image

    from newsdesk.siteconfig.models import SiteSettings

    site = SiteSettings.objects.get()
    with Image.open(demo_media / site.share_image.name) as image:
        assert image.format == "JPEG" and image.size == (1200, 630) and "exif" not in image.info
    with Image.open(demo_media / site.live_poster.name) as image:  # the live player's frame before play
        assert image.format == "JPEG" and image.size == (1280, 720)
    assert len(site.same_as_urls) == 3
    for url in site.same_as_urls:
        parts = urlsplit(url)
        assert parts.scheme == "https" and parts.hostname.endswith(".example"), url  # never a real account


@pytest.mark.parametrize("edition", ["en", "ru", "kk", "kk-latn"])
def test_the_agency_has_its_pages_legal_details_and_social_links_in_every_edition(client, demo, edition):
    from urllib.parse import urlsplit

    from newsdesk.demo.pages import DEMO_PAGE_NOTE
    from newsdesk.editions.editions import content_language
    from newsdesk.siteconfig.models import AgencyPage, SiteSettings

    language = content_language(edition)
    pages = AgencyPage.objects.filter(edition=language, published=True)
    assert sorted(pages.values_list("kind", flat=True)) == sorted(AgencyPage.Kind.values)
    assert all(DEMO_PAGE_NOTE[language].split(":")[0] in page.body for page in pages)
    home = client.get(f"/{edition}/").content.decode()
    footer = home[home.index('<footer class="site-footer"') :]
    for kind in AgencyPage.Kind.values:
        assert f'href="/{edition}/page/{kind}/"' in footer
        assert client.get(f"/{edition}/page/{kind}/").status_code == 200
    site = SiteSettings.objects.get()
    assert all(site.legal_for(edition).values())
    assert len(site.social_links) == 6
    for _label, url in site.social_links:
        assert urlsplit(url).hostname.endswith(".example"), url  # never a real account
        assert f'href="{url}"' in footer


def test_one_story_is_shown_as_updated_hours_after_its_publication(demo):
    from newsdesk.newsroom.models import AuditEntry

    updated = Article.objects.get(title=TITLES["cold-spell"])
    assert updated.revised_at == updated.published_at + timedelta(hours=14)
    assert updated.modified_at == updated.revised_at and updated.corrected_at is None  # no note
    update = next(item for item in REFERENCE["article"] if item["key"] == "cold-spell")["demo_update"]["text"]
    assert updated.is_visible and updated.body.endswith(f"<p>{update}</p>")  # a paragraph more, marked as demo
    entry = AuditEntry.objects.filter(article=updated).first()
    assert (entry.action, entry.actor) == (AuditEntry.Action.UPDATED, None)
    others = Article.objects.exclude(pk=updated.pk).filter(corrected_at__isnull=True)
    assert not others.filter(revised_at__isnull=False).exists()
    assert updated.revised_at < LOADED_AT


def test_one_story_is_corrected_in_every_language_with_a_note_marked_as_demo(client, demo, time_machine_at_load):
    corrected = Article.objects.filter(corrected_at__isnull=False)
    flares = Article.objects.get(title=TITLES["solar-flares"])
    assert set(corrected.values_list("translation_group", flat=True)) == {flares.translation_group}
    assert sorted(corrected.values_list("language", flat=True)) == ["en", "kk", "ru"]
    for story in corrected:
        [note] = story.corrections.all()
        assert note.created_at == story.published_at + timedelta(hours=3) == story.corrected_at
        assert "(Demo" in note.note or "(Демо" in note.note, note.note
    for edition in ("en", "ru", "kk", "kk-latn"):
        html = client.get(f"/{edition}/corrections/").content.decode()
        assert 'class="correction-note"' in html, edition


def test_the_sitemap_index_lists_the_demos_months_as_soon_as_it_is_loaded(client, demo, time_machine_at_load):
    """No worker round is needed: the loader counts the archive's days itself."""
    from newsdesk.syndication.models import ArchiveDay

    days = ArchiveDay.objects.filter(language="en")
    assert sum(days.values_list("count", flat=True)) == Article.objects.visible().filter(language="en").count()
    index = client.get("/sitemap.xml").content.decode()
    reference_month = LOADED_AT.date() - timedelta(days=1)
    assert f"/en/sitemap-{reference_month:%Y-%m}.xml" in index


def test_a_new_user_sees_a_pinned_top_story_and_a_breaking_banner_in_every_edition(client, demo):
    for edition in ("en", "ru", "kk", "kk-latn"):
        html = client.get(f"/{edition}/").content.decode()
        top = html[html.index('class="teaser top-story"') :][:2000]
        group = Article.objects.get(title=TITLES["ilo"]).translation_group
        ilo = Article.objects.get(language=edition[:2], translation_group=group)
        assert f'href="/{edition}/news/{ilo.pk}-' in top, edition
        banner = html[html.index('<div class="breaking-banner"') :][:600]
        assert "hidden" not in banner.split(">")[0], edition
    flares = Article.objects.get(title=TITLES["solar-flares"])
    assert flares.is_breaking and flares.breaking_until > timezone.now()


def test_the_latin_edition_spells_the_foreign_names_as_their_owners_do(client, demo):
    from newsdesk.editions.editions import in_script

    assert in_script("Угочи Дэниелс, Жильбер Ф. Унгбомен, Селесте Сауло", edition="kk-latn") == (
        "Ugochi Daniels, Gilbert F. Houngbomen, Celeste Saulo"
    )
