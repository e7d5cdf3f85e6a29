"""The four editions as readers meet them: links, scripts, dates and interface language."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import polib
import pytest
from django.urls import reverse, set_script_prefix
from django.utils import timezone, translation

from newsdesk.content.models import Article, Tag
from newsdesk.editions.definition import EDITION_CODES
from newsdesk.editions.editions import article_path, content_language, edition_url
from newsdesk.editions.models import Transliteration
from tests.conftest import SITE

ALMATY = ZoneInfo("Asia/Almaty")
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
EDITION_SWITCHER = re.compile(r'<nav class="editions".*?</nav>', re.S)


@pytest.fixture
def story_in_three_languages(make_article, agency):
    at = datetime(2025, 12, 11, 20, 30, tzinfo=ALMATY)
    en = make_article("Kazakhstan and WHO Strengthen Cooperation", at=at)
    ru = make_article(
        "Казахстан и ВОЗ укрепляют сотрудничество", language="ru", at=at, translation_group=en.translation_group
    )
    kk = make_article(
        "Қазақстан мен ДДСҰ ынтымақтастықты нығайтады",
        language="kk",
        at=at,
        translation_group=en.translation_group,
        body="<p>Ұлы дала елі: Тоқаев пен ДДСҰ өкілдері кездесті.</p>",
        tags=[Tag.objects.create(language="kk", name="денсаулық", slug="densaulyq")],
    )
    agency.name_kk = "Қазақстан Бүгін"
    agency.save()
    return {"en": en, "ru": ru, "kk": kk}


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_latin_edition_shows_kazakh_articles_in_latin(client, story_in_three_languages):
    kk = story_in_three_languages["kk"]
    html = _page(client, f"/kk-latn/news/{kk.pk}-{kk.slug}/")
    assert "Qazaqstan men DDSŪ yntymaqtastyqty nyğaitady" in html
    assert "Ūly dala elı: Toqaev pen DDSŪ ökılderı kezdestı." in html
    assert "Qazaqstan Bügın" in html  # the site's name
    assert '<html lang="kk-Latn">' in html


@pytest.mark.parametrize(
    "path", ["/kk-latn/", "/kk-latn/section/politics/", "/kk-latn/2025/12/11/", "/kk-latn/tag/densaulyq/"]
)
def test_no_cyrillic_on_the_latin_edition_but_the_other_editions_names(client, story_in_three_languages, path):
    html = EDITION_SWITCHER.sub("", _page(client, path))
    assert not CYRILLIC.findall(html), sorted(set(re.findall(r"\w*[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІі]\w*", html)))[:10]


def test_an_editors_correction_of_a_latin_spelling_sticks(client, story_in_three_languages):
    kk = story_in_three_languages["kk"]
    Transliteration.objects.create(cyrillic="тоқаев", latin="toqaiev")
    assert "Toqaiev pen" in _page(client, f"/kk-latn/news/{kk.pk}-{kk.slug}/")


def test_a_correction_reaches_teasers_rendered_before_it(client, story_in_three_languages, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": False}
    assert "yntymaqtastyqty nyğaitady" in _page(client, "/kk-latn/")
    Transliteration.objects.create(cyrillic="нығайтады", latin="nyghaitady")
    assert "yntymaqtastyqty nyghaitady" in _page(client, "/kk-latn/")


def test_an_article_links_to_its_translations_and_declares_them(client, story_in_three_languages):
    en, ru, kk = (story_in_three_languages[code] for code in ("en", "ru", "kk"))
    html = _page(client, en.get_absolute_url())
    for hreflang, path in [
        ("en", en.get_absolute_url()),
        ("ru", ru.get_absolute_url()),
        ("kk", kk.get_absolute_url()),
        ("kk-Latn", f"/kk-latn/news/{kk.pk}-{kk.slug}/"),
        ("x-default", en.get_absolute_url()),
    ]:
        assert f'<link rel="alternate" hreflang="{hreflang}" href="{SITE}{path}">' in html
    switcher = EDITION_SWITCHER.search(html).group()
    assert f'href="{ru.get_absolute_url()}"' in switcher and ">Qazaqşa<" in switcher
    assert re.findall(r'href="([^"]+)"[^>]* aria-current="page"', switcher) == [en.get_absolute_url()]


def test_without_a_translation_the_link_goes_to_that_editions_home(client, make_article):
    only_english = make_article("Only in English")
    switcher = EDITION_SWITCHER.search(_page(client, only_english.get_absolute_url())).group()
    assert 'href="/ru/"' in switcher and 'href="/kk/"' in switcher and 'href="/kk-latn/"' in switcher


@pytest.mark.parametrize("hold", ["draft", "scheduled", "embargoed", "withdrawn"])
def test_a_translation_readers_cannot_see_is_not_linked(client, story_in_three_languages, hold):
    """Its address would leak an unpublished story's title; the link goes to the edition's home."""
    en, ru = story_in_three_languages["en"], story_in_three_languages["ru"]
    later = timezone.now() + timedelta(hours=2)
    changes = {
        "draft": {"status": "draft"},
        "scheduled": {"published_at": later},
        "embargoed": {"embargo_until": later},
        "withdrawn": {"status": "withdrawn"},
    }[hold]
    Article.objects.filter(pk=ru.pk).update(**changes)
    html = _page(client, en.get_absolute_url())
    assert ru.get_absolute_url() not in html
    assert f'<link rel="alternate" hreflang="ru" href="{SITE}/ru/">' in html
    assert 'href="/ru/"' in EDITION_SWITCHER.search(html).group()


@pytest.mark.parametrize("edition", ["en", "ru", "kk", "kk-latn"])
def test_the_switcher_names_each_edition_in_its_own_language_and_marks_this_one(client, db, edition):
    html = _page(client, f"/{edition}/")
    links = re.findall(r'<a href="([^"]+)" lang="([^"]+)" hreflang="[^"]+"( aria-current="page")?>([^<]+)</a>', html)
    assert [(url, lang, label) for url, lang, _current, label in links] == [
        ("/en/", "en", "English"),
        ("/ru/", "ru", "Русский"),
        ("/kk/", "kk", "Қазақша"),
        ("/kk-latn/", "kk-Latn", "Qazaqşa"),
    ]
    assert [url for url, _lang, current, _label in links if current] == [f"/{edition}/"]
    for code, path in [("en", "/en/"), ("ru", "/ru/"), ("kk", "/kk/"), ("kk-Latn", "/kk-latn/"), ("x-default", "/en/")]:
        assert f'<link rel="alternate" hreflang="{code}" href="{SITE}{path}">' in html


def test_readers_of_no_edition_are_sent_to_the_main_one(settings):
    from newsdesk.public.alternates import Alternate, x_default

    alternates = [Alternate(code, f"/{code}/page/") for code in EDITION_CODES]
    settings.LANGUAGE_CODE = "ru"
    assert x_default(alternates) == "/ru/page/"
    settings.LANGUAGE_CODE = "de"  # not an edition: the first one
    assert x_default(alternates) == "/en/page/"


def test_a_kazakh_article_lives_in_both_kazakh_editions_and_nowhere_else(client, story_in_three_languages):
    kk = story_in_three_languages["kk"]
    assert client.get(f"/kk-latn/news/{kk.pk}-{kk.slug}/").status_code == 200
    response = client.get(f"/ru/news/{kk.pk}-{kk.slug}/")
    assert response.status_code == 301 and response["Location"] == f"/kk/news/{kk.pk}-{kk.slug}/"


def test_listing_pages_link_to_the_same_page_in_each_edition(client, story_in_three_languages):
    html = _page(client, "/ru/2025/12/11/")
    assert f'<link rel="alternate" hreflang="kk-Latn" href="{SITE}/kk-latn/2025/12/11/">' in html
    html = _page(client, "/kk/section/politics/")
    assert f'<link rel="alternate" hreflang="en" href="{SITE}/en/section/politics/">' in html


@pytest.mark.parametrize(
    ("edition", "heading"),
    [
        ("en", "News of 11 December 2025"),
        ("ru", "Новости за 11 декабря 2025 года"),
        ("kk", "2025 жылғы 11 желтоқсан"),
        ("kk-latn", "2025 jylğy 11 jeltoqsan"),
    ],
)
def test_dates_in_sentences_follow_each_language(client, story_in_three_languages, edition, heading):
    assert heading in _page(client, f"/{edition}/2025/12/11/")


@pytest.mark.parametrize(
    ("accept", "edition"),
    [("ru-RU,ru;q=0.9", "ru"), ("kk", "kk"), ("kk-Latn,kk;q=0.5", "kk-latn"), ("de-DE", "en"), ("", "en")],
)
def test_the_root_sends_readers_to_their_edition(client, db, accept, edition):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302 and response["Location"] == f"/{edition}/"
    assert "Accept-Language" in response["Vary"]


def test_edition_pages_do_not_vary_on_the_browsers_language(client, story_in_three_languages):
    for path in ("/en/", "/ru/", "/kk/", "/kk-latn/"):
        assert "Accept-Language" not in client.get(path, HTTP_ACCEPT_LANGUAGE="ru").get("Vary", "")


def _interface_strings(code: str) -> set[str]:
    """The interface strings of one language as readers see them: phrases, without placeholders.

    "en" means the catalogues' English originals.
    """
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "newsdesk" / "locale"
    catalogue = polib.pofile(str(root / ("ru" if code == "en" else code) / "LC_MESSAGES" / "django.po"))
    texts = {entry.msgid if code == "en" else entry.msgstr for entry in catalogue.translated_entries()}
    return {text for text in texts if " " in text and "%" not in text}


@pytest.mark.parametrize(("edition", "foreign"), [("ru", "kk"), ("kk", "ru"), ("en", "ru"), ("en", "kk")])
def test_no_interface_string_of_another_language_appears(client, story_in_three_languages, edition, foreign):
    article = story_in_three_languages[edition]
    foreign_strings = _interface_strings(foreign)
    if edition != "en":
        foreign_strings |= _interface_strings("en")
    for path in (f"/{edition}/", article.get_absolute_url(), f"/{edition}/2025/12/11/", f"/{edition}/no-such-page/"):
        html = EDITION_SWITCHER.sub("", client.get(path).content.decode())
        text = re.sub(r"<[^>]+>", " ", html)
        found = sorted(s for s in foreign_strings if s in text)
        assert not found, (path, found[:5])


def test_editors_correct_latin_spellings_in_the_back_office(client, db):
    from newsdesk.newsroom import roles
    from tests.newsroom.conftest import staff

    client.force_login(staff("editor", roles.EDITOR))
    response = client.post("/admin/editions/transliteration/add/", {"cyrillic": "  Тоқаев ", "latin": "toqaiev"})
    assert response.status_code == 302
    assert Transliteration.objects.get().cyrillic == "тоқаев"
    refused = client.post("/admin/editions/transliteration/add/", {"cyrillic": "Tokayev", "latin": "x"})
    assert refused.status_code == 200 and "One word in Cyrillic" in refused.content.decode()


def test_remembered_urls_are_reverses_in_the_edition_asked_or_active():
    with translation.override("kk"):
        assert edition_url("public:section", slug="sport") == reverse("public:section", kwargs={"slug": "sport"})
        assert edition_url("public:home") == "/kk/"
        assert edition_url("public:home", edition="ru") == "/ru/"
    with translation.override("kk-latn"):
        assert edition_url("public:home") == "/kk-latn/"


def test_a_site_under_a_path_prefix_gets_its_own_urls():
    try:
        set_script_prefix("/news/")
        with translation.override("en"):
            assert edition_url("public:home") == "/news/en/"
    finally:
        set_script_prefix("/")
    with translation.override("en"):
        assert edition_url("public:home") == "/en/"


def test_the_fast_article_path_is_what_the_url_resolver_says(make_article):
    for edition in EDITION_CODES:
        article = make_article(f"Title {edition}", language=content_language(edition))
        with translation.override(edition):
            expected = reverse("public:article", kwargs={"article_id": article.pk, "slug": article.slug})
        assert article_path(article_id=article.pk, edition=edition, slug=article.slug) == expected
        if edition == article.language:
            assert article.get_absolute_url() == expected
