"""One story followed through its life, on every channel at once: schedule, visible,
corrected, withdrawn, and the same with an embargo. At each step: the page, the feed,
the news sitemap, the API's change feed, a webhook receiver and the fake Telegram."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.events import visibility_announce_due
from newsdesk.content.models import Article
from newsdesk.newsroom import services as workflow
from newsdesk.partners.models import Webhook
from newsdesk.partners.sender import deliveries_send
from newsdesk.partners.webhooks import webhook_secret
from newsdesk.siteconfig.models import SiteSettings
from newsdesk.siteconfig.selectors import forget_site_settings
from tests.partners.receivers import FakeBotApi, LocalServer

TITLE = "Parliament adopts the water code"


@pytest.fixture
def channels(settings, agency, make_partner):
    receiver, bot = LocalServer().start(), FakeBotApi().start()
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOW_PRIVATE": True, "HTTPS_ONLY": False}
    settings.TELEGRAM = {"BOT_TOKEN": "1:t", "API_URL": bot.url}
    SiteSettings.objects.filter(pk=1).update(telegram_channel_en="@kt_news_en")
    forget_site_settings()
    partner, key = make_partner("Courier")
    Webhook.objects.create(partner=partner, url=receiver.url + "/in", secret=webhook_secret())
    yield receiver, bot, key
    receiver.stop()
    bot.stop()


def seen(client, key, story: Article, cursor: str) -> dict:
    """What every channel shows of `story` now."""
    deliveries_send(now=timezone.now())
    page = client.get(f"/en/news/{story.pk}/")
    feed = client.get("/en/rss.xml").content.decode()
    sitemap = client.get("/en/sitemap-news.xml").content.decode()
    changes = client.get("/api/v1/changes", {"updated_after": cursor}, HTTP_AUTHORIZATION=f"Bearer {key}").json()
    return {
        "page": page.status_code if page.status_code != 301 else client.get(page["Location"]).status_code,
        "feed": TITLE in feed,
        "sitemap": f"/news/{story.pk}-" in sitemap,
        "changes": [(c["event"], c["item"]["pubStatus"]) for c in changes["changes"]],
        "cursor": changes["cursor"],
    }


def at(moment, capture):
    """Run the worker's announcement of stories that became visible, at `moment`."""
    with pytest.MonkeyPatch.context() as patch, capture(execute=True):
        patch.setattr(timezone, "now", lambda: moment)
        visibility_announce_due(now=moment)


def test_schedule_visible_correct_withdraw(
    client, channels, make_article, django_capture_on_commit_callbacks, monkeypatch
):
    receiver, bot, key = channels
    capture = django_capture_on_commit_callbacks
    when = timezone.now() + timedelta(minutes=30)
    with capture(execute=True):
        story = make_article(TITLE, ago=None)
        story = workflow.article_publish(article=story, by=None, at=when)
    now = seen(client, key, story, "0")
    assert (now["page"], now["feed"], now["sitemap"], now["changes"]) == (404, False, False, [])
    assert receiver.received == [] and bot.calls() == []

    clock = [when + timedelta(seconds=5)]  # the worker's next beat after the scheduled time
    monkeypatch.setattr(timezone, "now", lambda: clock[0])
    at(clock[0], capture)
    now = seen(client, key, story, now["cursor"])
    assert (now["page"], now["feed"], now["sitemap"]) == (200, True, True)
    assert now["changes"] == [("item.published", "usable")]
    assert [r.json()["type"] for r in receiver.received] == ["item.published"]
    assert [method for method, _ in bot.calls()] == ["sendMessage"]

    clock[0] += timedelta(minutes=1)
    story.refresh_from_db()
    with capture(execute=True):
        workflow.article_save(article=story, by=None, correction_note="The code's number was wrong.")
    now = seen(client, key, story, now["cursor"])
    assert now["changes"] == [("item.corrected", "usable")]
    assert [r.json()["type"] for r in receiver.received][-1] == "item.corrected"
    assert bot.calls()[-1][0] == "editMessageText"

    clock[0] += timedelta(minutes=1)
    story.refresh_from_db()
    with capture(execute=True):
        workflow.article_withdraw(article=story, by=None, reason="Legal")
    now = seen(client, key, story, now["cursor"])
    assert (now["page"], now["feed"], now["sitemap"]) == (410, False, False)
    assert now["changes"] == [("item.withdrawn", "canceled")]
    assert [r.json()["type"] for r in receiver.received][-1] == "item.withdrawn"
    assert bot.calls()[-1][0] == "deleteMessage"
    # Nothing twice: three messages to the receiver, one of each.
    assert len(receiver.received) == 3


def test_an_embargo_lifts_on_every_channel_at_once(client, channels, make_article, django_capture_on_commit_callbacks):
    receiver, bot, key = channels
    capture = django_capture_on_commit_callbacks
    lifted = timezone.now() + timedelta(hours=1)
    with capture(execute=True):
        story = make_article(TITLE, embargo_until=lifted)
    now = seen(client, key, story, "0")
    assert (now["page"], now["feed"], now["sitemap"], now["changes"]) == (404, False, False, [])
    assert receiver.received == [] and bot.calls() == []

    later = lifted + timedelta(seconds=3)
    at(later, capture)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        now = seen(client, key, story, now["cursor"])
    assert (now["page"], now["feed"], now["sitemap"]) == (200, True, True)
    assert now["changes"] == [("item.published", "usable")]
    assert [r.json()["type"] for r in receiver.received] == ["item.published"]
    assert [method for method, _ in bot.calls()] == ["sendMessage"]
    # A second worker's run announces nothing again.
    at(later + timedelta(seconds=5), capture)
    deliveries_send(now=later + timedelta(seconds=5))
    assert len(receiver.received) == 1 and len(bot.calls()) == 1
