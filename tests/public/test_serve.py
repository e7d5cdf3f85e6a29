"""`make serve` refuses to run production with an unsafe configuration, and says why."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

GOOD_SECRET = "k3J9-x8Qz_Lm2Vb7Nc4Rt6Yp1Wd5Fg0Hs9Ja3Ke8Uo2Ti7Lr4Me6Nw1Qv5Xb9Zc0"


@pytest.fixture
def production_env(monkeypatch, settings):
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("ALLOWED_HOSTS", "news.example.kz")
    monkeypatch.setenv("SITE_URL", "https://news.example.kz")
    monkeypatch.setenv("BEHIND_HTTPS_PROXY", "1")
    monkeypatch.setenv("EMAIL_HOST", "smtp.example.kz")
    settings.DEBUG = False
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    settings.DATABASE_URL = "postgres://newsdesk@db/newsdesk"


def test_a_sound_configuration_passes(production_env, capsys):
    call_command("serve", "--check-only")
    assert "fit for production" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda mp, s: setattr(s, "DEBUG", True), "DEBUG is on"),
        (lambda mp, s: mp.delenv("SECRET_KEY"), "SECRET_KEY is not set"),
        (lambda mp, s: mp.setenv("SECRET_KEY", "secret"), "SECRET_KEY is too short"),
        (lambda mp, s: mp.setenv("SECRET_KEY", "django-insecure-" + "a" * 50), "too short or too simple"),
        (lambda mp, s: mp.delenv("ALLOWED_HOSTS"), "ALLOWED_HOSTS is not set"),
        (lambda mp, s: setattr(s, "REDIS_URL", ""), "REDIS_URL is not set"),
        (lambda mp, s: setattr(s, "DATABASE_URL", ""), "DATABASE_URL is not set"),
        (lambda mp, s: mp.delenv("SITE_URL"), "SITE_URL is not set"),
        (lambda mp, s: mp.setenv("SITE_URL", "https://news.example.kz/en/"), "a scheme and a host only"),
        (lambda mp, s: mp.setenv("SITE_URL", "ftp://news.example.kz"), "a scheme and a host only"),
        (lambda mp, s: mp.setenv("SITE_URL", "https://elsewhere.example"), "is not in ALLOWED_HOSTS"),
        (lambda mp, s: mp.delenv("BEHIND_HTTPS_PROXY"), "set BEHIND_HTTPS_PROXY=1"),
        (lambda mp, s: mp.delenv("EMAIL_HOST"), "EMAIL_HOST is not set"),
    ],
)
def test_an_unsafe_configuration_is_refused_with_the_reason(production_env, monkeypatch, settings, change, reason):
    change(monkeypatch, settings)
    with pytest.raises(CommandError) as refused:
        call_command("serve", "--check-only")
    assert reason in str(refused.value)


def test_django_finds_nothing_to_warn_of_in_production_settings(tmp_path):
    """`manage.py check --deploy` in the settings `make serve` gives its processes."""
    root = Path(__file__).resolve().parents[2]
    env = {
        "PATH": os.environ["PATH"],
        "NEWSDESK_PRODUCTION": "1",
        "NEWSDESK_DATA_DIR": str(tmp_path),
        "SECRET_KEY": GOOD_SECRET,
        "ALLOWED_HOSTS": "news.example.kz",
        "SITE_URL": "https://news.example.kz",
        "BEHIND_HTTPS_PROXY": "1",
        "BEHIND_PROXY": "1",
        "EMAIL_HOST": "smtp.example.kz",
    }
    checked = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no issues" in checked.stdout
