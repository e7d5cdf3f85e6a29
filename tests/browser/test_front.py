"""The front page and the breaking banner in real Chromium: the editor pins a story and it
leads the home until its time; a banner reaches a cached page within seconds and leaves."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from newsdesk.newsroom import front
from newsdesk.public import breaking
from tests.browser.test_newsroom import _login
from tests.newsroom.conftest import roles_create, staff

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(transactional_db, section, agency, make_article):
    from newsdesk.newsroom import roles

    roles_create()
    stories = [make_article(f"Story {n}", ago=timedelta(hours=n + 1)) for n in range(6)]
    return {"editor": staff("editor", roles.EDITOR, [section]), "stories": stories}


def _top_title(page) -> str:
    return page.locator(".top-story .teaser-title").inner_text()


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}])
def test_the_editor_pins_a_story_and_it_leads_the_home_until_its_time(live_server, browser, desk, viewport):
    older = desk["stories"][5]
    editor = _login(browser, live_server, "editor")
    editor.goto(f"{live_server.url}/admin/content/article/{older.pk}/change/")
    editor.select_option("#front-slot", "1")
    until = timezone.localtime(timezone.now(), timezone.get_fixed_timezone(5 * 60)) + timedelta(minutes=30)
    editor.fill("#front-until", until.strftime("%Y-%m-%dT%H:%M"))
    editor.get_by_role("button", name="Pin on the front page").click()
    editor.get_by_text("Pinned on the front page until").wait_for()

    reader = browser.new_context(viewport=viewport).new_page()
    reader.goto(f"{live_server.url}/en/")
    assert _top_title(reader) == "Story 5"
    real_now = timezone.now
    with mock.patch("django.utils.timezone.now", lambda: real_now() + timedelta(minutes=31)):
        reader.reload()
        assert _top_title(reader) == "Story 0"


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}])
def test_a_breaking_banner_reaches_a_cached_page_within_seconds_and_leaves(
    live_server, browser, desk, settings, viewport
):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True}
    reader = browser.new_context(viewport=viewport).new_page()
    page_url = f"{live_server.url}{desk['stories'][3].get_absolute_url()}"
    reader.goto(page_url)
    banner = reader.locator(".breaking-banner")
    assert banner.is_hidden()

    front.breaking_start(article=desk["stories"][0], by=None, until=timezone.now() + timedelta(minutes=10))
    response = reader.goto(page_url)  # a stored copy (the browser's own, or the server's)
    assert re.search(r'<div class="breaking-banner"[^>]*hidden>', response.text())  # as it was: no banner
    banner.get_by_role("link", name="Story 0").wait_for(timeout=20_000)  # its JSON is kept 5 s, asked every 10 s
    assert banner.is_visible()

    real_now = timezone.now
    with mock.patch("django.utils.timezone.now", lambda: real_now() + timedelta(minutes=11)):
        breaking._current.clear()  # this process's few seconds, over as they would be by then
        reader.reload()
        banner.wait_for(state="hidden", timeout=20_000)
