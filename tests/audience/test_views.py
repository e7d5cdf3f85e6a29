"""The beacon and the pixel, as browsers and bots call them."""

import pytest

from tests.audience.helpers import stored_total
from tests.conftest import SITE

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
OTHER_BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile/15E148"


def _beacon(client, article, user_agent=BROWSER, address="10.0.0.1", **headers):
    return client.post(
        f"/en/news/{article.pk}/views/", HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address, **headers
    ).json()


def test_a_reader_is_counted_once_in_thirty_minutes(client, make_article):
    article = make_article()
    assert _beacon(client, article) == {"views": 1, "counted": True}
    assert _beacon(client, article) == {"views": 1, "counted": False}  # a reload
    assert _beacon(client, article, address="10.0.0.2") == {"views": 2, "counted": True}
    assert _beacon(client, article, user_agent=OTHER_BROWSER) == {"views": 3, "counted": True}
    assert stored_total(article) == 3


@pytest.mark.parametrize(
    "headers",
    [
        {"user_agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"user_agent": "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)"},
        {"user_agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36"},
        {"user_agent": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"},
        {"user_agent": "curl/8.5.0"},
        {"user_agent": ""},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
    ],
)
def test_crawlers_headless_browsers_and_prefetch_are_not_counted(client, make_article, headers):
    article = make_article()
    assert _beacon(client, article, **headers) == {"views": 0, "counted": False}
    assert stored_total(article) == 0


def test_a_reader_over_the_rate_cap_is_not_counted(client, make_article, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "VIEW_RATE_LIMIT": 3}
    articles = [make_article(f"Story {n}") for n in range(5)]
    counted = [_beacon(client, article)["counted"] for article in articles]
    assert counted == [True, True, True, False, False]
    assert _beacon(client, articles[4], address="10.0.0.9")["counted"]  # another reader is not limited


def _pixel(client, article, **headers):
    return client.get(f"/en/news/{article.pk}/seen.gif", HTTP_USER_AGENT=BROWSER, **headers)


def test_the_pixel_counts_readers_without_javascript_and_is_never_cached(client, make_article):
    article = make_article()
    response = _pixel(client, article, HTTP_REFERER=SITE + article.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    assert "no-store" in response["Cache-Control"] and not response.cookies
    _pixel(client, article, HTTP_REFERER=SITE + article.get_absolute_url())
    assert stored_total(article) == 1


def test_the_pixel_counts_only_from_the_page_of_its_own_story(client, make_article):
    """A hidden image in one story's body must not count views of another."""
    target, carrier = make_article("Target"), make_article("Carrier")
    for referer in (
        SITE + carrier.get_absolute_url(),  # the image sits in another story's body
        SITE + "/en/",
        "https://evil.example" + target.get_absolute_url(),  # another site's page
        f"{SITE}/en/news/{carrier.pk}-x/?next=/en/news/{target.pk}/",
        "not a url",
    ):
        assert _pixel(client, target, HTTP_REFERER=referer).status_code == 200
    assert _pixel(client, target).status_code == 200  # no referrer at all: cannot tell, not counted
    assert stored_total(target) == 0
    _pixel(client, target, HTTP_REFERER=f"{SITE}/kk-latn/news/{target.pk}-other-slug/")  # its page, any edition
    assert stored_total(target) == 1


def test_the_beacon_counts_only_from_the_page_of_its_own_story(client, make_article):
    target, carrier = make_article("Target"), make_article("Carrier")
    assert not _beacon(client, target, HTTP_REFERER=SITE + carrier.get_absolute_url())["counted"]
    assert not _beacon(client, target, HTTP_SEC_FETCH_SITE="cross-site")["counted"]
    assert _beacon(client, target, HTTP_REFERER=SITE + target.get_absolute_url())["counted"]
    assert _beacon(client, target, address="10.0.0.3")["counted"]  # a browser that sends no referrer
    assert stored_total(target) == 2


def test_the_page_has_the_pixel_inside_noscript(client, make_article):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<noscript><img class="pixel" src="/en/news/{article.pk}/seen.gif"' in html


def test_the_beacon_takes_only_post_and_knows_only_visible_articles(client, make_article):
    article = make_article()
    draft = make_article("Draft", ago=None)
    assert client.get(f"/en/news/{article.pk}/views/", HTTP_USER_AGENT=BROWSER).status_code == 405
    assert client.post(f"/en/news/{draft.pk}/views/", HTTP_USER_AGENT=BROWSER).status_code == 404


def test_behind_a_proxy_the_forwarded_address_is_the_reader(client, make_article, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "TRUST_X_FORWARDED_FOR": True}
    article = make_article()
    assert _beacon(client, article, address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")["counted"]
    assert _beacon(client, article, address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")["counted"]
    assert not _beacon(client, article, address="127.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.8")["counted"]


def test_healthz_answers_empty(client, db):
    response = client.get("/healthz")
    assert response.status_code == 204 and not response.content


def test_one_address_rotating_its_user_agent_buys_at_most_the_cap(client, make_article, settings):
    """The audit's attack: beacons from one address, each with another Firefox version."""
    article = make_article()
    limit = settings.NEWSDESK["VIEW_ADDRESS_PER_MINUTE"]
    counted = sum(
        _beacon(client, article, user_agent=f"Mozilla/5.0 (X11; Linux x86_64; rv:{n}.0) Gecko/20100101 Firefox/{n}.0",
                address="127.0.0.1")["counted"]
        for n in range(60, 60 + 5 * limit)
    )  # fmt: skip
    assert 0 < counted <= 2 * limit  # a minute boundary may fall inside the loop
    assert stored_total(article) == counted


def test_a_withdrawn_story_stops_counting_at_once(client, make_article, django_capture_on_commit_callbacks):
    from newsdesk.newsroom.services import article_withdraw

    article = make_article()
    assert _beacon(client, article) == {"views": 1, "counted": True}  # its visibility is now kept 10 s
    with django_capture_on_commit_callbacks(execute=True):
        article_withdraw(article=article, by=None)
    assert client.post(f"/en/news/{article.pk}/views/", HTTP_USER_AGENT=BROWSER).status_code == 404
