"""Each edition's Telegram channel, against a local fake of the Bot API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.newsroom import services as workflow
from newsdesk.partners.models import Delivery, TelegramPost
from newsdesk.partners.sender import deliveries_send
from newsdesk.siteconfig.models import SiteSettings
from newsdesk.siteconfig.selectors import forget_site_settings
from tests.partners.receivers import FakeBotApi


@pytest.fixture
def bot(settings, agency):
    server = FakeBotApi().start()
    settings.TELEGRAM = {"BOT_TOKEN": "123456:test-token", "API_URL": server.url}
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOW_PRIVATE": True, "HTTPS_ONLY": False}
    SiteSettings.objects.filter(pk=1).update(telegram_channel_en="@kt_news_en", telegram_channel_kk_latn="@kt_latyn")
    forget_site_settings()
    yield server
    server.stop()


def test_a_story_is_posted_edited_and_deleted(bot, make_story, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(corrected=False)
    deliveries_send()
    [(method, fields)] = bot.calls()
    assert method == "sendPhoto" and fields["chat_id"] == "@kt_news_en"
    assert fields["photo"].startswith("https://news.example.kz/media/") and fields["photo"].endswith(".jpg")
    assert "<b>Astana hosts the summit</b>" in fields["caption"]
    assert "Leaders of the region met in Astana." in fields["caption"]
    assert story.get_absolute_url() in fields["caption"] and fields["parse_mode"] == "HTML"
    post = TelegramPost.objects.get()
    assert post.message_id == 101 and bot.received[0].path == "/bot123456:test-token/sendPhoto"

    story.refresh_from_db()
    story.title = "Astana hosts the regional summit"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_save(article=story, by=None, correction_note="The summit is regional.")
    deliveries_send()
    method, fields = bot.calls()[-1]
    assert method == "editMessageCaption" and fields["message_id"] == 101
    assert "regional summit" in fields["caption"]

    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_withdraw(article=story, by=None, reason="Legal")
    deliveries_send()
    assert bot.calls()[-1] == ("deleteMessage", {"chat_id": "@kt_news_en", "message_id": 101})
    assert not TelegramPost.objects.exists()


def test_a_story_without_a_photo_is_a_text_message(bot, make_article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Kazakhstan and WHO sign a plan", lead="A plan for rural clinics.")
    deliveries_send()
    [(method, fields)] = bot.calls()
    assert method == "sendMessage" and "A plan for rural clinics." in fields["text"]


def test_the_latin_edition_posts_in_latin(bot, make_article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Қазақстан жаңалықтары", language="kk")
    deliveries_send()
    [(_method, fields)] = bot.calls()
    assert fields["chat_id"] == "@kt_latyn" and "Qazaqstan jañalyqtary" in fields["text"]
    assert "/kk-latn/" in fields["text"]


def test_telegram_down_never_blocks_a_publish(bot, make_article, django_capture_on_commit_callbacks):
    bot.failing = True
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article("Breaking: floods")
    assert story.is_visible
    deliveries_send()
    assert Delivery.objects.get().status == "pending"
    bot.failing = False
    deliveries_send(now=timezone.now() + timedelta(minutes=1))
    assert Delivery.objects.get().status == "sent" and TelegramPost.objects.count() == 1


def test_an_embargoed_story_is_posted_when_it_lifts(bot, make_article, django_capture_on_commit_callbacks):
    from newsdesk.content.events import visibility_announce_due

    lifted = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Budget figures", embargo_until=lifted)
    deliveries_send()
    assert bot.calls() == []
    later = lifted + timedelta(seconds=1)
    with pytest.MonkeyPatch.context() as patch, django_capture_on_commit_callbacks(execute=True):
        patch.setattr(timezone, "now", lambda: later)
        visibility_announce_due(now=later)
    deliveries_send(now=later)
    assert [method for method, _fields in bot.calls()] == ["sendMessage"]


def test_without_a_token_nothing_is_queued(settings, make_article, django_capture_on_commit_callbacks, agency):
    settings.TELEGRAM = {**settings.TELEGRAM, "BOT_TOKEN": ""}
    SiteSettings.objects.filter(pk=1).update(telegram_channel_en="@kt_news_en")
    forget_site_settings()
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Quiet day")
    assert not Delivery.objects.exists()
