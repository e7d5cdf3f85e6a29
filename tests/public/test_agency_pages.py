"""The agency's pages at /<edition>/page/<slug>/: in every edition (the Kazakh page in
both Kazakh ones), a 404 when unknown or unpublished, safe bodies, the footer's list with
the legal details and social links, and the page cache forgetting a saved page."""

import pytest

from newsdesk.siteconfig.models import AgencyPage
from tests.conftest import SITE
from tests.public.heads import read

EDITIONS = ("en", "ru", "kk", "kk-latn")
TITLES = {"en": "About us", "ru": "О нас", "kk": "Біз туралы", "kk-latn": "Bız turaly"}


def _page(**fields) -> AgencyPage:
    page = AgencyPage(**{"edition": "en", "kind": "about", "title": "About us", "published": True, **fields})
    page.full_clean()
    page.save()
    return page


@pytest.fixture
def about_pages(agency):
    return {
        "en": _page(body="<p>We report the news of Kazakhstan.</p>"),
        "ru": _page(edition="ru", title="О нас", body="<p>Мы сообщаем новости Казахстана.</p>"),
        "kk": _page(edition="kk", title="Біз туралы", body="<p>Қазақстан жаңалықтары.</p>"),
    }


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


def _footer(response) -> str:
    html = response.content.decode()
    return html[html.index('<footer class="site-footer"') : html.index("</footer>")]


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_page_answers_in_every_edition_with_title_canonical_and_alternates(client, about_pages, settings, edition):
    response = client.get(f"/{edition}/page/about/")
    assert response.status_code == 200
    assert f'<h1 class="page-heading">{TITLES[edition]}</h1>' in _main(response)
    assert f"<title>{TITLES[edition]} — " in response.content.decode()
    page = read(response)
    assert page.rel("canonical")[0]["href"] == f"{SITE}/{edition}/page/about/"
    hreflangs = {link["hreflang"]: link["href"] for link in page.rel("alternate") if "hreflang" in link}
    assert hreflangs == {
        "en": f"{SITE}/en/page/about/",
        "ru": f"{SITE}/ru/page/about/",
        "kk": f"{SITE}/kk/page/about/",
        "kk-Latn": f"{SITE}/kk-latn/page/about/",
        "x-default": f"{SITE}/{settings.LANGUAGE_CODE}/page/about/",
    }
    assert page.single("WebPage")["url"] == f"{SITE}/{edition}/page/about/"


def test_the_description_is_the_texts_beginning_or_the_title(client, agency):
    _page(body="<p>" + "word " * 60 + "</p>")
    _page(kind="contacts", title="Contacts", body="")
    long = read(client.get("/en/page/about/")).one("description")
    assert long.endswith("…") and len(long) <= 160 and long.startswith("word word")
    assert read(client.get("/en/page/contacts/")).one("description") == "Contacts"


def test_the_latin_edition_writes_the_kazakh_page_in_latin_letters(client, about_pages):
    main = _main(client.get("/kk-latn/page/about/"))
    assert "Qazaqstan jañalyqtary." in main and "Қазақстан" not in main


def test_another_edition_without_the_page_links_to_its_home(client, agency):
    _page(kind="privacy", slug="privacy", title="Privacy")
    page = read(client.get("/en/page/privacy/"))
    hreflangs = {link["hreflang"]: link["href"] for link in page.rel("alternate") if "hreflang" in link}
    assert hreflangs["ru"] == f"{SITE}/ru/" and hreflangs["en"] == f"{SITE}/en/page/privacy/"


@pytest.mark.parametrize("path", ["/en/page/contacts/", "/ru/page/about-us/", "/en/page/ABOUT/", "/en/page/"])
def test_an_unknown_address_is_a_404(client, about_pages, path):
    assert client.get(path).status_code == 404


def test_an_unpublished_page_or_another_editions_is_a_404(client, agency):
    _page(kind="privacy", title="Privacy", published=False)
    _page(kind="", slug="jobs", edition="ru", title="Вакансии")
    assert client.get("/en/page/privacy/").status_code == 404
    assert client.get("/en/page/jobs/").status_code == 404
    assert client.get("/ru/page/jobs/").status_code == 200


def test_a_script_in_the_body_never_reaches_the_page(client, agency):
    page = _page(
        body='<p>Hi</p><script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">l</a>'
    )
    AgencyPage.objects.filter(pk=page.pk).update(title="<script>alert(2)</script>")  # past the form
    main = _main(client.get("/en/page/about/"))
    assert "<script" not in main and "onerror" not in main and "javascript:" not in main
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in main


def test_the_footer_lists_the_editions_pages_the_legal_details_and_social_links(client, about_pages, agency):
    _page(kind="contacts", title="Contacts", position=5)
    _page(kind="privacy", title="Privacy", published=False)
    agency.legal_name_en = "Kazakhstan Today LLP"
    agency.legal_address_ru = "Алматы, ул. Абая, 1"
    agency.registration_en = "Certificate No. 1234-Ж"
    agency.editor_in_chief_kk = "Айгерім Садықова"
    agency.social_telegram = "https://t.me/kaztoday"
    agency.social_youtube = "https://www.youtube.com/@kaztoday"
    agency.save()
    footer = _footer(client.get("/en/"))
    assert footer.index('href="/en/page/about/">About us<') < footer.index('href="/en/page/contacts/">Contacts<')
    assert "Privacy" not in footer and "О нас" not in footer
    assert "© Kazakhstan Today LLP" in footer and "Certificate No. 1234-Ж" in footer
    assert "Алматы, ул. Абая, 1" in footer  # the one language it was given in
    assert "Айгерім Садықова" in footer
    assert 'href="https://t.me/kaztoday"' in footer and 'href="https://www.youtube.com/@kaztoday"' in footer
    assert "<iframe" not in footer and "<script" not in footer and "Instagram" not in footer
    assert 'href="/en/rss.xml"' in footer or "RSS" in footer  # the feeds stay
    latin = _footer(client.get("/kk-latn/"))
    assert 'href="/kk-latn/page/about/">Bız turaly<' in latin and "Aigerım Sadyqova" in latin


def test_the_footer_shows_only_the_name_when_nothing_else_is_set(client, agency):
    footer = _footer(client.get("/en/"))
    assert "© Kazakhstan Today" in footer and "legal-details" not in footer and "social-links" not in footer


def test_saving_a_page_forgets_its_cached_copies_and_its_editions_homes(
    client, about_pages, settings, django_capture_on_commit_callbacks
):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True}
    for path in ("/kk/page/about/", "/kk-latn/page/about/", "/kk/", "/kk-latn/sitemap-pages.xml", "/en/page/about/"):
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit"
    page = about_pages["kk"]
    page.title, page.slug = "Агенттік туралы", "agency"
    with django_capture_on_commit_callbacks(execute=True):
        page.save()
    assert client.get("/kk/page/about/").status_code == 404  # the old address, forgotten
    moved = client.get("/kk-latn/page/agency/")
    assert "X-Page-Cache" not in moved and "Agenttık turaly" in moved.content.decode()
    home = client.get("/kk/")
    assert "X-Page-Cache" not in home and "Агенттік туралы" in _footer(home)
    sitemap = client.get("/kk-latn/sitemap-pages.xml")
    assert "X-Page-Cache" not in sitemap and "/kk-latn/page/agency/" in sitemap.content.decode()
    assert client.get("/en/page/about/")["X-Page-Cache"] == "hit"  # another edition's, kept
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert client.get("/kk-latn/page/agency/").status_code == 404
