"""The reader's search page, on whichever engine the suite runs (SQLite's FTS5, or
PostgreSQL's text search with DATABASE_URL): results, marks, pages, filters, bad input."""

import json
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from newsdesk.content.models import Section
from newsdesk.newsroom import services as workflow


@pytest.fixture
def stories(make_article, agency):
    health = make_article(
        "Kazakhstan and WHO strengthen cooperation in healthcare",
        body="<p>The ministry of healthcare signed a road map with the World Health Organization.</p>",
        ago=timedelta(days=2),
    )
    parliament = make_article(
        "Parliament passes the budget",
        body="<p>Deputies voted for the budget of the next three years.</p>",
        ago=timedelta(days=1),
    )
    hospitals = make_article(
        "New hospitals open in Astana",
        body="<p>Two hospitals will improve access to healthcare in the capital.</p>",
        ago=timedelta(hours=3),
    )
    return {"health": health, "parliament": parliament, "hospitals": hospitals}


def titles(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<h2 class="teaser-title"><a [^>]*>(.*?)</a>', html)]


def test_a_search_finds_the_stories_by_any_form_of_the_word(client, stories):
    response = client.get("/en/search/", {"q": "Healthcare"})
    assert response.status_code == 200
    html = response.content.decode()
    assert set(titles(html)) == {stories["health"].title, stories["hospitals"].title}
    assert "<mark>healthcare</mark>" in html  # the snippet marks the word as written
    assert response["X-Robots-Tag"] == "noindex, follow"


def test_the_title_weighs_more_than_the_body(client, stories):
    html = client.get("/en/search/", {"q": "healthcare"}).content.decode()
    # The older story has the word in its title; the newer one only in its body.
    assert titles(html)[0] == stories["health"].title


def test_newest_first_on_request(client, stories):
    html = client.get("/en/search/", {"q": "healthcare", "order": "date"}).content.decode()
    assert titles(html) == [stories["hospitals"].title, stories["health"].title]


def test_filters_by_section_and_days(client, stories, make_article):
    sport = Section.objects.create(slug="sport", name_en="Sport")
    make_article("Healthcare for athletes", section=sport, ago=timedelta(hours=1))
    html = client.get("/en/search/", {"q": "healthcare", "section": "sport"}).content.decode()
    assert titles(html) == ["Healthcare for athletes"]
    since = (timezone.now() - timedelta(hours=5)).date()
    html = client.get("/en/search/", {"q": "healthcare", "since": since.isoformat()}).content.decode()
    assert stories["health"].title not in titles(html)
    # The last day counts whole, in the agency's zone (Asia/Almaty in the tests' agency).
    health_day = timezone.localtime(stories["health"].published_at, ZoneInfo("Asia/Almaty")).date()
    html = client.get("/en/search/", {"q": "healthcare", "until": health_day.isoformat()}).content.decode()
    assert titles(html) == [stories["health"].title]


def test_only_stories_readers_may_see_are_found(client, make_article, agency):
    make_article("Glacier draft", body="<p>glacier</p>", ago=None)
    scheduled = make_article("Glacier scheduled", body="<p>glacier</p>", ago=None)
    workflow.article_publish(article=scheduled, by=None, at=timezone.now() + timedelta(hours=2))
    make_article("Glacier embargoed", embargo_until=timezone.now() + timedelta(hours=1))
    withdrawn = make_article("Glacier withdrawn")
    workflow.article_withdraw(article=withdrawn, by=None, reason="wrong")
    make_article("Glacier visible")
    assert titles(client.get("/en/search/", {"q": "glacier"}).content.decode()) == ["Glacier visible"]


def test_a_correction_is_found_at_once_even_after_the_same_search(
    client, make_article, agency, django_capture_on_commit_callbacks
):
    story = make_article("Floods in the north", body="<p>Rivers rose in Petropavl.</p>")
    assert titles(client.get("/en/search/", {"q": "Pavlodar"}).content.decode()) == []
    story.body = "<p>Rivers rose in Pavlodar.</p>"
    with django_capture_on_commit_callbacks(execute=True):  # the stored answers are dropped on commit
        workflow.article_save(article=story, by=None, correction_note="The city was Pavlodar, not Petropavl.")
    assert titles(client.get("/en/search/", {"q": "Pavlodar"}).content.decode()) == ["Floods in the north"]
    assert titles(client.get("/en/search/", {"q": "Petropavl"}).content.decode()) == []


def test_marked_words_are_escaped(client, make_article, agency):
    make_article(
        'Budget "figures" & more',
        lead="",
        body="<p>The budget &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>",
    )
    html = client.get("/en/search/", {"q": "budget"}).content.decode()
    main = html.split('<main id="main"')[1]
    assert "<script>alert(1)" not in main and "<img src=x" not in main
    assert "&lt;script&gt;alert(1)" in main and "<mark>Budget</mark> &#34;figures&#34; &amp; more" in main


def test_twenty_a_page_with_next_and_previous(client, make_article, agency, settings):
    for n in range(45):
        make_article(f"Steppe story {n}", ago=timedelta(hours=n + 1))
    first = client.get("/en/search/", {"q": "steppe", "order": "date"}).content.decode()
    assert len(titles(first)) == 20 and 'rel="next" href="?q=steppe&amp;order=date&amp;page=2"' in first
    assert 'rel="prev"' not in first
    third = client.get("/en/search/", {"q": "steppe", "order": "date", "page": "3"}).content.decode()
    assert titles(third) == [f"Steppe story {n}" for n in range(40, 45)]
    assert 'rel="prev" href="?q=steppe&amp;order=date&amp;page=2"' in third and 'rel="next"' not in third


def test_no_results_and_stop_words_have_their_own_words(client, stories):
    html = client.get("/en/search/", {"q": "zebra"}).content.decode()
    assert "No story matches all of these words." in html
    html = client.get("/en/search/", {"q": "the of and"}).content.decode()
    assert "too common to search for" in html
    html = client.get("/en/search/").content.decode()
    assert titles(html) == [] and 'name="q"' in html


HOSTILE = [
    "",
    "   ",
    "the and of",
    "x" * 300,
    '"healthcare"',
    "health*",
    "healthcare NEAR cooperation",
    "healthcare AND cooperation OR NOT budget",
    "(healthcare) -budget title:who body:x",
    "NEAR(healthcare cooperation, 2)",
    "'; DROP TABLE content_article; --",
    "1' OR '1'='1",
    "healthcare & | ! <-> :* \\",
    "\ufffd\ufffd",
    "{healthcare} ^ ~",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_engine_syntax_and_sql_are_only_words(client, stories, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200, query
    assert 'class="masthead"' in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"q": "a\x00b"},
        {"q": "health", "since": "2026-13-45"},
        {"q": "health", "since": "0001-01-01"},
        {"q": "health", "until": "99999-01-01"},
        {"q": "health", "since": "2026-02-01", "until": "2026-01-01"},
        {"q": "health", "section": "no-such-section"},
        {"q": "health", "section": "<script>"},
        {"q": "health", "page": "0"},
        {"q": "health", "page": "999999999999999999999"},
        {"q": "health", "order": "random()"},
    ],
)
def test_bad_input_gets_the_sites_400(client, stories, params):
    response = client.get("/en/search/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="masthead"' in html and "<script>" not in html.split("</head>")[1]


def test_invalid_utf8_in_the_query_string_is_no_error(client, stories):
    response = client.get("/en/search/?q=%FF%FEhealth%C3")
    assert response.status_code == 200


def test_every_page_has_a_search_box_that_needs_no_script(client, stories):
    html = client.get("/ru/").content.decode()
    form = re.search(r'<form class="site-search" role="search" method="get" action="([^"]+)">', html)
    assert form and form.group(1) == "/ru/search/"
    assert 'name="q"' in html
    assert '<link rel="search" type="application/opensearchdescription+xml" href="/ru/opensearch.xml"' in html


def test_the_websites_structured_data_has_a_search_action(client, stories):
    html = client.get("/en/").content.decode()
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    (website,) = [b for b in blocks if b.get("@type") == "WebSite"]
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "https://news.example.kz/en/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


@pytest.mark.parametrize("path", ["/opensearch.xml", "/kk-latn/opensearch.xml"])
def test_opensearch_description(client, agency, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    root = ElementTree.fromstring(response.content)
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    template = root.find("os:Url[@type='text/html']", ns).get("template")
    edition = "kk-latn" if "kk-latn" in path else "en"
    assert template == f"https://news.example.kz/{edition}/search/?q={{searchTerms}}"
    assert len(root.find("os:ShortName", ns).text) <= 16


def test_robots_keep_crawlers_out_of_results(client, db):
    assert "Disallow: /*/search/" in client.get("/robots.txt").content.decode()
