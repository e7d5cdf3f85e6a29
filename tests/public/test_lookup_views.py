"""Most viewed and the corrections log as pages of their own, in every edition."""

import itertools
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.audience.services import views_add
from newsdesk.content.models import Article, Correction
from newsdesk.newsroom import services as workflow
from tests.conftest import ALMATY, SITE
from tests.public.heads import read

EDITIONS = ("en", "ru", "kk", "kk-latn")
LANGUAGE = {"en": "en", "ru": "ru", "kk": "kk", "kk-latn": "kk"}


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


def headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


def assert_no_heading_jumps(html: str) -> None:
    levels = headings(html[html.index("<body") :])
    assert levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def _correct(article: Article, note: str) -> Article:
    return workflow.article_save(article=Article.objects.get(pk=article.pk), by=None, correction_note=note)


@pytest.fixture
def read_stories(make_article, agency):
    """25 stories read today, the first most."""
    stories = []
    for n in range(25):
        story = make_article(f"Story number {n}", ago=timedelta(hours=2, minutes=n))
        views_add(article_id=story.pk, views=900 - n, at=timezone.now(), zone=ALMATY)
        stories.append(story)
    return stories


def test_most_viewed_lists_twenty_stories_for_each_period(client, read_stories):
    response = client.get("/en/most-viewed/")
    assert response.status_code == 200
    main = _main(response)
    for window in ("day", "week", "month"):
        section = main[main.index(f'id="most-viewed-{window}"') :]
        section = section[: section.index("</section>")]
        titles = re.findall(r'class="ranked-title">([^<]+)<', section)
        assert titles == [f"Story number {n}" for n in range(20)], window
    assert ">900<" in main and "Story number 20" not in main
    assert_no_heading_jumps(response.content.decode())


def test_the_periods_are_named_as_news_sites_name_them(client, read_stories):
    russian = _main(client.get("/ru/most-viewed/"))
    assert [re.sub("<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>.*?</h2>", russian)] == [
        "За сутки",
        "За неделю",
        "За месяц",
    ]
    kazakh = _main(client.get("/kk/most-viewed/"))
    assert [re.sub("<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>.*?</h2>", kazakh)] == ["Тәулік", "Апта", "Ай"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_both_pages_answer_in_every_edition_with_title_canonical_and_alternates(client, make_article, agency, edition):
    story = make_article("Жаңалық" if LANGUAGE[edition] != "en" else "News", language=LANGUAGE[edition])
    views_add(article_id=story.pk, views=10, at=timezone.now(), zone=ALMATY)
    _correct(story, "Күні қате жазылған." if LANGUAGE[edition] != "en" else "The date was wrong.")
    for name in ("most-viewed", "corrections"):
        response = client.get(f"/{edition}/{name}/")
        assert response.status_code == 200, name
        html = response.content.decode()
        page = read(response)
        assert page.rel("canonical")[0]["href"] == f"{SITE}/{edition}/{name}/"
        hreflangs = {link["hreflang"]: link["href"] for link in page.rel("alternate") if "hreflang" in link}
        assert hreflangs == {
            "en": f"{SITE}/en/{name}/",
            "ru": f"{SITE}/ru/{name}/",
            "kk": f"{SITE}/kk/{name}/",
            "kk-Latn": f"{SITE}/kk-latn/{name}/",
            "x-default": f"{SITE}/en/{name}/",
        }
        title = re.search(r"<title>(.*?)</title>", html)[1]
        h1 = re.search(r'<h1 class="page-heading">(.*?)</h1>', html)[1]
        assert title.startswith(h1 + " — "), (title, h1)
        assert_no_heading_jumps(html)
        assert f"/{edition}/news/{story.pk}-" in _main(response), name


def test_every_page_links_to_most_viewed_from_its_menu_and_its_block(client, story):
    html = client.get("/en/").content.decode()
    menu = html[html.index('class="sections"') : html.index("</nav>", html.index('class="sections"'))]
    assert 'href="/en/most-viewed/">Most viewed</a>' in menu
    block = html[html.index('class="most-viewed"') :]
    assert 'href="/en/most-viewed/"' in block[: block.index("</section>")]
    assert 'href="/ru/most-viewed/"' in client.get("/ru/").content.decode()


def test_the_corrections_log_lists_every_public_correction_newest_first(client, make_article, agency):
    first, second = make_article("Budget adopted"), make_article("Flights resumed")
    _correct(first, "The sum was 2 trillion, not 3.")
    _correct(second, "The airline was misnamed.")
    _correct(first, "The vote was on Tuesday.")
    response = client.get("/en/corrections/")
    main = _main(response)
    notes = re.findall(r'class="correction-note">([^<]+)<', main)
    assert notes == ["The vote was on Tuesday.", "The airline was misnamed.", "The sum was 2 trillion, not 3."]
    latest = Correction.objects.filter(article=first).latest("created_at")
    assert f'href="/en/news/{first.pk}-{first.slug}/#correction-{latest.pk}">Budget adopted</a>' in main
    assert "Corrected <time" in main
    # The story's page has the note under that anchor, and links back to the log.
    story_page = client.get(first.get_absolute_url()).content.decode()
    assert f'id="correction-{latest.pk}"' in story_page and 'href="/en/corrections/">All corrections</a>' in story_page
    assert [f["href"] for f in read(response).rel("alternate") if f.get("type") == "application/rss+xml"] == [
        "/en/rss.xml",
        "/en/corrections/rss.xml",
    ]


def test_only_corrections_of_stories_readers_see_are_listed(client, make_article, agency):
    shown = make_article("On the site")
    _correct(shown, "Shown note.")
    scheduled = make_article("Scheduled", ago=None, at=timezone.now() + timedelta(hours=3))
    _correct(scheduled, "Scheduled note.")
    embargoed = make_article("Embargoed", embargo_until=timezone.now() + timedelta(hours=3))
    Correction.objects.create(article=embargoed, note="Embargoed note.")
    withdrawn = make_article("Withdrawn")
    _correct(withdrawn, "Withdrawn note.")
    workflow.article_withdraw(article=withdrawn, by=None)
    other_language = make_article("Русская", language="ru")
    _correct(other_language, "Russian note.")
    main = _main(client.get("/en/corrections/"))
    assert re.findall(r'class="correction-note">([^<]+)<', main) == ["Shown note."]


def test_the_log_pages_back_by_keyset_and_refuses_nonsense(client, make_article, agency, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "FEED_PAGE_SIZE": 2}
    for n in range(3):
        _correct(make_article(f"Story {n}"), f"Note {n}.")
    first = _main(client.get("/en/corrections/"))
    assert re.findall(r'class="correction-note">([^<]+)<', first) == ["Note 2.", "Note 1."]
    older = re.search(r'rel="next" href="(\?before=[0-9.]+)"', first)[1]
    response = client.get("/en/corrections/" + older)
    second = _main(response)
    assert re.findall(r'class="correction-note">([^<]+)<', second) == ["Note 0."]
    assert read(response).rel("canonical")[0]["href"] == f"{SITE}/en/corrections/{older}"
    newer = re.search(r'rel="prev" href="(\?after=[0-9.]+)"', second)[1]
    assert re.findall(r'class="correction-note">([^<]+)<', _main(client.get("/en/corrections/" + newer))) == [
        "Note 2.",
        "Note 1.",
    ]
    for query in ("?before=abc", "?after=1." + "9" * 30, "?before=1.1&after=1.1"):
        assert client.get("/en/corrections/" + query).status_code == 400, query
    assert client.get("/en/corrections/?page=abc").status_code == 200  # unknown parameters are ignored
    assert client.get(f"/en/most-viewed/?page={10**30}").status_code == 200
    assert client.get("/xx/corrections/").status_code == 404
    assert client.get("/xx/most-viewed/").status_code == 404


def test_an_empty_log_says_so(client, agency):
    assert "No corrections have been published." in _main(client.get("/en/corrections/"))
    assert "Әзірге бірде-бір түзету жарияланған жоқ." in _main(client.get("/kk/corrections/"))


@pytest.fixture
def cached(settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True, "PAGE_MEMO_SECONDS": 0}


def test_a_published_correction_drops_the_cached_log_in_its_editions(
    client, make_article, agency, cached, django_capture_on_commit_callbacks
):
    story = make_article("Қазақша жаңалық", language="kk")
    for edition in ("kk", "kk-latn", "ru"):
        client.get(f"/{edition}/corrections/")
        assert client.get(f"/{edition}/corrections/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        _correct(story, "Аты қате жазылған.")
    for edition in ("kk", "kk-latn"):
        response = client.get(f"/{edition}/corrections/")
        assert "X-Page-Cache" not in response, edition
        assert f"/{edition}/news/{story.pk}-" in _main(response)
    assert client.get("/ru/corrections/")["X-Page-Cache"] == "hit"  # another language's log stays


def test_a_withdrawn_story_leaves_the_cached_pages_at_once(
    client, make_article, agency, cached, django_capture_on_commit_callbacks
):
    story = make_article("Soon withdrawn")
    views_add(article_id=story.pk, views=50, at=timezone.now(), zone=ALMATY)
    _correct(story, "A note.")
    for path in ("/en/most-viewed/", "/en/corrections/"):
        assert "Soon withdrawn" in client.get(path).content.decode()
        assert client.get(path)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_withdraw(article=story, by=None)
    for path in ("/en/most-viewed/", "/en/corrections/"):
        response = client.get(path)
        assert "X-Page-Cache" not in response and "Soon withdrawn" not in _main(response), path
