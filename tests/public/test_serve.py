"""`make serve` refuses to run production with an unsafe configuration, and says why."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

GOOD_SECRET = "k3J9-x8Qz_Lm2Vb7Nc4Rt6Yp1Wd5Fg0Hs9Ja3Ke8Uo2Ti7Lr4Me6Nw1Qv5Xb9Zc0"


@pytest.fixture
def production_env(monkeypatch, settings):
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("ALLOWED_HOSTS", "news.example.kz")
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
    ],
)
def test_an_unsafe_configuration_is_refused_with_the_reason(production_env, monkeypatch, settings, change, reason):
    change(monkeypatch, settings)
    with pytest.raises(CommandError) as refused:
        call_command("serve", "--check-only")
    assert reason in str(refused.value)
