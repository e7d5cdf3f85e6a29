import pytest

from newsdesk.audience.models import ViewTotal

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"


def test_the_beacon_counts_a_view_and_answers_the_fresh_total(client, make_article):
    article = make_article()
    url = f"/en/news/{article.pk}/views/"
    assert client.post(url, HTTP_USER_AGENT=BROWSER).json() == {"views": 1}
    assert client.post(url, HTTP_USER_AGENT=BROWSER).json() == {"views": 2}
    assert ViewTotal.objects.get(article=article).views == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36"},
        {"HTTP_USER_AGENT": "curl/8.5.0"},
        {"HTTP_USER_AGENT": ""},
        {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_PURPOSE": "prefetch;prerender"},
    ],
)
def test_crawlers_headless_browsers_and_prefetch_are_not_counted(client, make_article, headers):
    article = make_article()
    response = client.post(f"/en/news/{article.pk}/views/", **headers)
    assert response.status_code == 200 and response.json() == {"views": 0}
    assert not ViewTotal.objects.filter(article=article).exists()


def test_the_beacon_takes_only_post(client, make_article):
    article = make_article()
    assert client.get(f"/en/news/{article.pk}/views/", HTTP_USER_AGENT=BROWSER).status_code == 405
