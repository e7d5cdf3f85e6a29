"""Notifications by e-mail through a real SMTP server on 127.0.0.1, in each person's language."""

from datetime import UTC, datetime

from django.contrib.auth import get_user_model

from newsdesk.accounts.language import language_choose
from newsdesk.accounts.notification_mail import notifications_mail
from newsdesk.newsroom import services
from newsdesk.newsroom.models import Notification
from tests.accounts.test_password_reset import smtp
from tests.conftest import _free_port
from tests.newsroom.conftest import draft_by

__all__ = ["draft_by", "smtp"]  # fixtures: the mail server (the password reset's tests), a journalist's draft


def _with_mail(user, address: str):
    user.email = address
    user.save(update_fields=["email"])
    return get_user_model().objects.get(pk=user.pk)


def test_a_sent_back_story_is_mailed_to_its_author_in_their_language(journalist, editor, draft_by, smtp):
    journalist = _with_mail(journalist, "aigerim@news.example.kz")
    language_choose(user=journalist, language="ru")
    story = draft_by(journalist, title="Budget hearing")
    services.article_submit(article=story, by=journalist)
    services.article_send_back(article=story, by=editor, comment="Name the minister.")
    assert smtp.messages == []  # nothing is sent by the workflow step itself
    assert notifications_mail() == 1
    [message] = smtp.messages
    assert message["To"] == "aigerim@news.example.kz"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Name the minister." in body and f"/admin/content/article/{story.pk}/change/" in body
    assert "возврат автору" in body  # Russian, as the journalist's back office
    assert "Budget hearing" in message["Subject"]
    assert Notification.objects.get(recipient=journalist).mailed_at is not None
    assert notifications_mail() == 0  # once


def test_a_submission_is_mailed_to_the_editors_in_their_language(journalist, editor, chief, draft_by, smtp):
    _with_mail(editor, "yerlan@news.example.kz")
    language_choose(user=editor, language="kk")
    chief = _with_mail(chief, "chief@news.example.kz")
    services.article_submit(article=draft_by(journalist, title="Budget hearing"), by=journalist)
    assert notifications_mail() == 2
    assert sorted(m["To"] for m in smtp.messages) == ["chief@news.example.kz", "yerlan@news.example.kz"]
    to_editor = next(m for m in smtp.messages if m["To"] == "yerlan@news.example.kz")
    assert "тексеруге жіберілді" in to_editor.get_body(preferencelist=("plain",)).get_content()


def test_a_mail_server_down_breaks_nothing_and_the_mail_waits(settings, journalist, editor, draft_by):
    journalist = _with_mail(journalist, "aigerim@news.example.kz")
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": _free_port(), "use_tls": False, "timeout": 2},
        }
    }
    story = draft_by(journalist)
    services.article_submit(article=story, by=journalist)
    services.article_send_back(article=story, by=editor, comment="Again.")  # the step itself succeeds
    assert notifications_mail() == 0
    assert Notification.objects.get(recipient=journalist).mailed_at is None  # tried again next time


def test_someone_without_an_address_is_not_mailed(journalist, editor, draft_by, smtp):
    story = draft_by(journalist)
    services.article_submit(article=story, by=journalist)
    services.article_send_back(article=story, by=editor, comment="Again.")
    assert notifications_mail() == 0 and smtp.messages == []
    assert Notification.objects.get(recipient=journalist).mailed_at is not None


def test_a_scheduled_story_is_mailed_with_its_time_in_the_agencys_zone(journalist, editor, draft_by, smtp):
    _with_mail(journalist, "aigerim@news.example.kz")
    story = draft_by(journalist, title="Budget hearing")
    services.article_submit(article=story, by=journalist)
    at = datetime(2030, 6, 1, 4, 0, tzinfo=UTC)  # 09:00 in Almaty
    services.article_publish(article=story, by=editor, at=at)
    notifications_mail()
    [message] = [m for m in smtp.messages if m["To"] == "aigerim@news.example.kz"]
    assert "01.06.2030, 09:00" in message.get_body(preferencelist=("plain",)).get_content()
