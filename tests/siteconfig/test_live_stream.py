"""The live stream's settings: an https HLS playlist, and a title in each edition's language."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from newsdesk.editions import latin
from newsdesk.siteconfig.models import SiteSettings, validate_stream_url
from newsdesk.siteconfig.selectors import site_settings
from tests.newsroom.conftest import chief

__all__ = ["chief"]

SETTINGS = "/admin/siteconfig/sitesettings/1/change/"


@pytest.mark.parametrize(
    "url",
    [
        "https://tv.example.kz/live/index.m3u8",
        "https://tv.example.kz:8443/live/INDEX.M3U8?token=abc",
        "/demo/live.m3u8",
    ],
)
def test_an_https_hls_playlist_is_accepted(url):
    validate_stream_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://tv.example.kz/live/index.m3u8",
        "https://tv.example.kz/live/index.mp4",
        "https://tv.example.kz/live/",
        "https://tv.example.kz/?file=index.m3u8",
        "ftp://tv.example.kz/live/index.m3u8",
        "javascript:alert(1)//.m3u8",
        "//tv.example.kz/live/index.m3u8",
        "/live/stream.mp4",
        "/live/my stream.m3u8",
        "tv.example.kz/live/index.m3u8",
    ],
)
def test_anything_else_is_refused(url):
    with pytest.raises(ValidationError):
        validate_stream_url(url)


def _form(**overrides) -> dict:
    return {
        "name_en": "Kazakhstan Today", "name_ru": "", "name_kk": "",
        "reprint_notice_en": "", "reprint_notice_ru": "", "reprint_notice_kk": "",
        "time_zone": "Asia/Almaty", "live_stream_url": "https://tv.example.kz/live/index.m3u8",
        "live_stream_title_ru": "Прямой эфир", "live_stream_title_kk": "Тікелей эфир",
        "live_stream_title_en": "Live", "feeds_full_text": "on", **overrides,
    }  # fmt: skip


@pytest.fixture
def chief_in_russian(client, chief):
    SiteSettings.objects.get_or_create(pk=1)
    client.force_login(chief)
    session = client.session
    session["newsdesk_language"] = "ru"
    session.save()
    return client


def test_a_stream_that_is_no_https_playlist_is_a_form_error_in_the_back_offices_language(chief_in_russian):
    response = chief_in_russian.post(SETTINGS, _form(live_stream_url="http://tv.example.kz/live/index.mp4"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["live_stream_url"]
    with translation.override("ru"):
        expected = translation.gettext("Enter an https:// address, such as https://tv.example.kz/live/index.m3u8.")
    assert errors == [expected]
    assert 'lang="ru"' in response.content.decode()
    assert site_settings().live_stream_url == ""


def test_the_titles_are_kept_per_language(chief_in_russian):
    response = chief_in_russian.post(SETTINGS, _form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    row = SiteSettings.objects.get(pk=1)
    assert (row.live_stream_title_ru, row.live_stream_title_kk, row.live_stream_title_en) == (
        "Прямой эфир",
        "Тікелей эфир",
        "Live",
    )


def test_the_live_page_and_block_show_the_title_in_the_editions_language(client, agency):
    agency.live_stream_title_ru = "Прямой эфир"
    agency.live_stream_title_kk = "Тікелей эфир"
    agency.live_stream_title_en = "Live"
    agency.save()
    latin_title = latin.to_latin("Тікелей эфир")
    for edition, title in [("ru", "Прямой эфир"), ("kk", "Тікелей эфир"), ("kk-latn", latin_title), ("en", "Live")]:
        page = client.get(f"/{edition}/live/").content.decode()
        assert f'<h1 class="page-heading">{title}</h1>' in page, edition
        home = client.get(f"/{edition}/").content.decode()
        assert f'<span class="live-what">{title}</span></a>' in home, edition


def test_an_edition_without_its_own_title_shows_another_languages(client, agency):
    agency.live_stream_title_ru = agency.live_stream_title_kk = ""
    agency.live_stream_title_en = "Kazakhstan Today Live"
    agency.save()
    assert '<h1 class="page-heading">Kazakhstan Today Live</h1>' in client.get("/ru/live/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_one_title_there_was_becomes_every_languages():
    executor = MigrationExecutor(connection)
    executor.migrate([("siteconfig", "0004_telegram_channels")])
    old = executor.loader.project_state([("siteconfig", "0004_telegram_channels")]).apps
    old.get_model("siteconfig", "SiteSettings").objects.update_or_create(
        pk=1, defaults={"live_stream_title": "Qazaqstan Live"}
    )
    executor.loader.build_graph()
    executor.migrate([("siteconfig", "0005_live_stream_title")])
    # The row as that migration left it (the model of today has later fields).
    then = executor.loader.project_state([("siteconfig", "0005_live_stream_title")]).apps
    row = then.get_model("siteconfig", "SiteSettings").objects.get(pk=1)
    assert row.live_stream_title_ru == row.live_stream_title_kk == row.live_stream_title_en == "Qazaqstan Live"
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
