"""Search answers kept briefly, never past a story's change; a cap on what unique queries
may store; a limit per reader."""

import pytest
from django.core.cache import cache

from newsdesk.content.models import Article
from newsdesk.newsroom import services
from newsdesk.search import results_cache


@pytest.fixture
def glacier(make_article, agency):
    return make_article("Glacier survey begins", body="<p>Scientists measure the glacier.</p>")


def shown(client, word: str) -> str:
    return client.get("/en/search/", {"q": word}).content.decode().replace("<mark>", "").replace("</mark>", "")


def test_an_answer_is_kept_until_a_story_changes(client, glacier, django_capture_on_commit_callbacks):
    assert "Glacier survey begins" in shown(client, "glacier")
    Article.objects.filter(pk=glacier.pk).update(title="Changed behind the cache's back")
    assert "Glacier survey begins" in shown(client, "glacier")  # kept
    glacier.refresh_from_db()
    glacier.title = "Glacier survey ends"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=glacier, by=None, correction_note="It ended.")
    assert "Glacier survey ends" in shown(client, "glacier")


def test_unique_queries_store_no_more_than_the_cap(client, glacier, settings):
    settings.SEARCH = settings.SEARCH | {"CACHE_STORES": 2, "PER_MINUTE": 100}
    words = ["glacier", "survey", "scientists", "measure", "begins"]
    for word in words:
        assert client.get("/en/search/", {"q": word}).status_code == 200
    stored = [word for word in words if cache.get(results_cache.results_key("en", [("q", [word])])) is not None]
    assert stored == ["glacier", "survey"]  # the rest were answered, and not kept


def test_a_reader_searching_too_often_waits_a_minute_in_the_sites_design(client, glacier, settings):
    settings.SEARCH = settings.SEARCH | {"PER_MINUTE": 3}
    for n in range(3):
        assert client.get("/en/search/", {"q": f"glacier {n}"}).status_code == 200
    refused = client.get("/en/search/", {"q": "glacier"})
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "Please wait a minute and search again." in refused.content.decode()
    assert '<header class="masthead">' in refused.content.decode()  # the site's page, not a bare error
    other = client.get("/en/search/", {"q": "glacier"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200  # another reader is not held up
