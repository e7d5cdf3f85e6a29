"""The live block follows the schedule in a real browser, on a phone and a desktop: "Next at"
before a programme, "Live" once it has started, with pages served from the page cache."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.siteconfig.models import Programme, SiteSettings

pytestmark = pytest.mark.browser


@pytest.fixture
def stream_site(transactional_db, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True}
    site = SiteSettings.objects.get_or_create(pk=1)[0]
    site.live_stream_url = "https://stream.example.kz/live/index.m3u8"
    site.live_stream_title_en = "Kazakhstan Today Live"
    site.save()
    return site


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}], ids=["phone", "desktop"]
)
def test_the_block_turns_live_when_the_programme_starts(live_server, browser, stream_site, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/most-viewed/")  # a first render on a cold server can take seconds on CI
    start = timezone.now() + timedelta(seconds=6)
    Programme.objects.create(
        edition="en", title_en="Business Hour", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    page.goto(f"{live_server.url}/en/")
    assert timezone.now() < start, "the page took longer to load than the programme's lead"
    link = page.locator(".live-block a")
    assert link.locator(".live-next").inner_text().startswith("Next at ")
    assert "Business Hour" in link.inner_text() and link.locator(".live-badge").count() == 0
    assert link.is_visible()
    time.sleep(max(0.0, (start - timezone.now()).total_seconds()) + 1.5)
    page.reload()
    assert page.locator(".live-block .live-badge").inner_text().upper() == "LIVE"
    link.click()
    page.wait_for_url("**/en/live/")
    assert page.locator("#live-player").get_attribute("poster") == "/static/newsdesk/live-poster.jpg"
    shown = page.locator("#live-player").evaluate("v => v.poster")  # the frame before play, from this site
    assert shown == f"{live_server.url}/static/newsdesk/live-poster.jpg"
    assert page.request.get(shown).headers["content-type"] == "image/jpeg"
    assert page.locator(".schedule-now .schedule-title").inner_text() == "Business Hour"
    context.close()
