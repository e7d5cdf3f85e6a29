"""Finding 12: password reset by e-mail, through a real SMTP server on 127.0.0.1."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from newsdesk.accounts.models import SignInAttempt
from tests.accounts.conftest import sign_in
from tests.accounts.helpers import two_factor_on
from tests.conftest import _free_port
from tests.mailbox import smtp

__all__ = ["smtp"]

ROOT = Path(__file__).resolve().parents[2]
RESET = "/admin/password-reset/"
NEW_PASSWORD = "a brand new long password"


@pytest.fixture
def editor_with_mail(editor):
    editor.email = "yerlan@news.example.kz"
    editor.save()
    return editor


def _link(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"http://testserver(/admin/password-reset/[^/\s]+/[^/\s]+/)", body).group(1)


def test_the_answer_is_the_same_whether_the_address_is_known_or_not(client, editor_with_mail, smtp):
    known = client.post(RESET, {"email": "yerlan@news.example.kz"}, REMOTE_ADDR="203.0.113.1")
    unknown = client.post(RESET, {"email": "nobody@news.example.kz"}, REMOTE_ADDR="203.0.113.2")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/admin/password-reset/sent/"
    done = client.get(known["Location"]).content.decode()
    assert "If that address belongs to a staff account" in done
    assert len(smtp.messages) == 1 and smtp.messages[0]["To"] == "yerlan@news.example.kz"
    assert smtp.messages[0]["From"] == "desk@news.example.kz"
    assert "A new password for" in smtp.messages[0]["Subject"]


def test_the_link_sets_a_new_password_and_signs_no_one_in(client, editor_with_mail, smtp):
    client.post(RESET, {"email": "YERLAN@news.example.kz"})
    link = _link(smtp.messages[0])
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/admin/password-reset/done/"
    assert not done.wsgi_request.user.is_authenticated
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert sign_in(client, "editor", NEW_PASSWORD).status_code == 302
    # The link works once.
    assert "does not work any more" in client.get(link, follow=True).content.decode()


def test_a_new_password_does_not_get_past_two_factor(client, editor_with_mail, smtp):
    two_factor_on(editor_with_mail)
    client.post(RESET, {"email": "yerlan@news.example.kz"})
    form = client.get(_link(smtp.messages[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = sign_in(client, "editor", NEW_PASSWORD)
    assert response["Location"] == "/admin/login/code/"
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_only_staff_get_a_link(client, smtp, db):
    get_user_model().objects.create_user("reader", email="reader@example.kz", password="a long password")
    assert client.post(RESET, {"email": "reader@example.kz"}).status_code == 302
    assert smtp.messages == []


def test_an_address_may_ask_a_few_times_an_hour_then_gets_the_same_answer_and_no_mail(
    client, editor_with_mail, smtp, settings
):
    limit = settings.STAFF_SIGNIN["RESET_LIMIT"]
    for _ in range(limit + 3):
        response = client.post(RESET, {"email": "yerlan@news.example.kz"}, REMOTE_ADDR="198.51.100.9")
        assert response.status_code == 302 and response["Location"] == "/admin/password-reset/sent/"
    assert len(smtp.messages) == limit
    assert SignInAttempt.objects.filter(outcome=SignInAttempt.Outcome.RESET_ASKED).count() == limit


def test_a_mail_server_that_is_down_changes_nothing_for_the_person_asking(client, editor_with_mail, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": _free_port(), "timeout": 2},
        }
    }
    response = client.post(RESET, {"email": "yerlan@news.example.kz"})
    assert response.status_code == 302 and response["Location"] == "/admin/password-reset/sent/"


def test_the_sign_in_page_links_to_the_reset(client, db):
    assert f'href="{RESET}"' in client.get("/admin/login/").content.decode()


def test_mail_settings_come_from_the_environment():
    env = {
        **os.environ,
        "EMAIL_HOST": "smtp.example.kz",
        "EMAIL_PORT": "2525",
        "EMAIL_HOST_USER": "desk",
        "EMAIL_HOST_PASSWORD": "mail password",
        "EMAIL_USE_TLS": "1",
        "DEFAULT_FROM_EMAIL": "desk@news.example.kz",
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
    }
    script = (
        "from django.conf import settings; o = settings.MAILERS['default']['OPTIONS'];"
        "print(o['host'], o['port'], o['username'], o['password'], o['use_tls'], o['use_ssl'],"
        "settings.DEFAULT_FROM_EMAIL)"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == [
        "smtp.example.kz",
        "2525",
        "desk",
        "mail",
        "password",
        "True",
        "False",
        "desk@news.example.kz",
    ]
    del env["EMAIL_HOST"]
    script = "from django.conf import settings; print(settings.MAILERS['default']['BACKEND'])"
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "django.core.mail.backends.console.EmailBackend"
