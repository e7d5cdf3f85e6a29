"""Whatever a client sends, the answer is a page in the site's design, never a 500."""

import pytest

from newsdesk.siteconfig.models import SiteSettings


@pytest.fixture(autouse=True)
def _site(db):
    SiteSettings.objects.get_or_create(pk=1)


@pytest.mark.parametrize(
    "path",
    [
        "/en/news/999999/",
        "/en/news/999999-no-such-story/",
        "/en/news/99999999999999999999999999-huge/",
        "/en/news/-1/",
        "/en/news/abc/",
        "/en/section/no-such-section/",
        "/en/tag/no-such-tag/",
        "/en/tag/%D0%BD%D0%B5%D1%82/",
        "/en/2025/13/01/",
        "/en/2025/02/30/",
        "/en/0000/01/01/",
        "/en/0001/01/01/",
        "/ru/0001/01/01/",
        "/en/1899/12/31/",
        "/en/9999/12/31/",
        "/kk/9999/12/31/",
        "/kk-latn/9999/12/31/",
        "/en/9998/06/15/",
        "/en/2025/1/1/",
        "/en/20251/01/01/",
        "/en/no/such/page/",
        "/xx/",
        "/en/news/1/views/",  # a GET where only POST makes sense is 404/405, not 500
    ],
)
def test_unknown_or_malformed_addresses_answer_404_in_the_sites_design(client, path):
    response = client.get(path)
    assert response.status_code in (404, 405)
    if response.status_code == 404:
        html = response.content.decode()
        assert 'class="masthead"' in html
        assert "Page not found" in html or not path.startswith("/en/")


@pytest.mark.parametrize(
    "query",
    [
        "before=garbage",
        "before=1.2.3",
        "before=",
        "after=-5.1",
        "before=99999999999999999.1",
        "before=1765467000000000.1&after=1765467000000000.2",
        "before=1765467000000000.1&before=1765467000000000.2",
        "before=0.1",
        "after=%00%ff",
    ],
)
def test_nonsense_cursors_answer_400_in_the_sites_design(client, make_article, query):
    make_article()
    for path in ("/en/", "/en/section/politics/", "/en/2025/12/11/"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, query)
        html = response.content.decode()
        assert "Bad request" in html and 'class="masthead"' in html


def test_unknown_query_parameters_are_ignored(client, make_article):
    article = make_article()
    response = client.get("/en/?page=abc&utm_source=x&fbclid=%ff%fe")
    assert response.status_code == 200 and article.title in response.content.decode()


def test_a_valid_cursor_far_in_the_past_is_an_empty_page_not_an_error(client, make_article):
    make_article()
    response = client.get("/en/?before=631152000000000.1")  # 1990-01-01
    assert response.status_code == 200 and "No news" in response.content.decode()


def test_beacon_for_unknown_or_invisible_articles_is_404(client, make_article):
    draft = make_article("Draft", ago=None)
    assert client.post("/en/news/999999/views/", HTTP_USER_AGENT="Mozilla/5.0").status_code == 404
    assert client.post(f"/en/news/{draft.pk}/views/", HTTP_USER_AGENT="Mozilla/5.0").status_code == 404


def test_the_500_page_is_in_the_sites_design_and_needs_no_database(client, settings):
    from newsdesk.public.views import error_500

    response = error_500(None)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html and "/static/newsdesk/site.css" in html


def test_a_crash_answers_the_designed_500_page(client, monkeypatch):
    from newsdesk.content import front_page

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(front_page, "stories_before", broken)  # the home's feed
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html and "database went away" not in html


def test_a_bad_host_header_gets_the_400_page(client):
    response = client.get("/en/", HTTP_HOST="evil.example")
    assert response.status_code == 400 and "Bad request" in response.content.decode()
