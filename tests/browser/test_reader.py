"""What a reader on a phone does: open the edition, read a story, share it, page back."""

from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from newsdesk.audience.services import views_add
from newsdesk.siteconfig.models import SiteSettings
from tests.audience.helpers import stored_total
from tests.browser.conftest import PHONE_USER_AGENT

pytestmark = pytest.mark.browser
ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
def edition(transactional_db, make_article, story):
    """The reference article on top of 25 earlier stories: two pages of news."""
    for n in range(25):
        make_article(f"Earlier story {n}", at=datetime(2025, 12, 10, 18, n, tzinfo=ALMATY))
    return story


def test_a_reader_opens_the_story_and_its_view_is_counted(live_server, phone, edition):
    requested_hosts = set()
    phone.on("request", lambda request: requested_hosts.add(urlsplit(request.url).netloc))
    phone.goto(f"{live_server.url}/en/")

    first = phone.locator("main .teaser").first
    assert "20:30" in first.locator("time").inner_text()
    assert first.locator("[data-views-for]").inner_text() == "14,706"
    first.locator(".teaser-title a").click()
    phone.wait_for_url(f"**{edition.get_absolute_url()}")

    # The beacon answers with the fresh count, and the page shows it everywhere.
    counter = phone.locator(f'.story-header [data-views-for="{edition.pk}"]')
    counter.filter(has_text="14,707").wait_for()
    stored = stored_total(edition)
    assert stored == 14707
    for text in phone.locator(f'[data-views-for="{edition.pk}"]').all_inner_texts():
        assert text == f"{stored:,}"

    # Opening it again within 30 minutes does not count again.
    phone.reload()
    phone.wait_for_load_state("networkidle")
    assert counter.inner_text() == "14,707" and stored_total(edition) == 14707

    for text in ("Photo: gov.kz", "Tell a friend", "Source:", "may not be reproduced", "Relevant news", "Most viewed"):
        assert phone.get_by_text(text, exact=False).first.is_visible(), text
    assert phone.locator(".story-photo img").evaluate("img => img.complete && img.naturalWidth > 0")
    # Nothing came from another host.
    assert requested_hosts == {urlsplit(live_server.url).netloc}


def test_the_fresh_count_is_grouped_as_the_edition_writes_it(live_server, phone, make_article):
    story = make_article("Жаңалық", language="kk")
    views_add(article_id=story.pk, views=291385, zone=ALMATY)
    phone.goto(f"{live_server.url}/kk-latn/news/{story.pk}-{story.slug}/")
    counter = phone.locator(f'.story-header [data-views-for="{story.pk}"]')
    counter.filter(has_text="291").filter(has_text="386").wait_for()  # the beacon's answer
    assert counter.inner_text() == "291\xa0386"  # a no-break space, as the server writes it


def test_a_crawler_loading_the_page_is_not_counted(live_server, browser, edition):
    context = browser.new_context(user_agent="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
    page = context.new_page()
    with page.expect_response(lambda r: r.url.endswith(f"/news/{edition.pk}/views/")) as beacon:
        page.goto(f"{live_server.url}{edition.get_absolute_url()}")
    assert beacon.value.json() == {"views": 14706, "counted": False}
    assert page.locator(f'.story-header [data-views-for="{edition.pk}"]').inner_text() == "14,706"
    assert stored_total(edition) == 14706
    context.close()


def test_the_story_reads_well_on_a_phone(live_server, phone, edition):
    phone.goto(f"{live_server.url}{edition.get_absolute_url()}")
    scroll_width = phone.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= 390, "the page scrolls sideways on a phone"
    font_size = phone.locator(".story-body p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert font_size >= 16
    # The share links are plain links that open the networks, not embedded widgets.
    telegram = phone.get_by_role("link", name="Telegram")
    assert telegram.get_attribute("href").startswith("https://t.me/share/url?url=")


def test_a_printed_story_has_its_text_and_credits_and_no_menus(live_server, browser, edition):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}{edition.get_absolute_url()}")
    page.emulate_media(media="print")
    for selector in (".story-title", ".story-header time", ".story-photo img", ".credit", ".story-body", ".source",
                     ".reprint-notice"):  # fmt: skip
        assert page.locator(selector).first.is_visible(), selector
    for selector in (".sections", ".site-search", ".editions", ".share", ".secondary", ".relevant", ".breadcrumb"):
        assert page.locator(selector).count() and not page.locator(selector).first.is_visible(), selector
    page.emulate_media(media="screen")
    assert page.locator(".sections").is_visible() and page.locator(".share").is_visible()
    page.close()


def test_on_a_phone_the_menu_shows_that_it_scrolls(live_server, phone, edition):
    import io

    from PIL import Image

    from newsdesk.content.models import Section

    for n, name in enumerate(("Economy", "Society", "Culture", "World", "Science", "Sport", "Regions")):
        Section.objects.create(slug=name.lower(), name_en=name, position=n + 1)
    phone.goto(f"{live_server.url}/en/")
    menu = phone.locator(".sections ul")
    assert menu.evaluate("ul => ul.scrollWidth > ul.clientWidth")

    def edges() -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        """The menu's left and right edge and its middle, as the reader sees them."""
        shot = Image.open(io.BytesIO(menu.screenshot())).convert("RGB")
        y = 4  # above the links' text, on the menu's own background
        return shot.getpixel((1, y)), shot.getpixel((shot.width - 2, y)), shot.getpixel((shot.width // 2, y))

    left, right, middle = edges()
    assert right != middle and left == middle  # a shade where more sections wait, none before the first
    menu.evaluate("ul => { ul.scrollLeft = ul.scrollWidth; }")
    left, right, middle = edges()
    assert left != middle and right == middle


def test_a_reader_pages_to_older_news_and_back(live_server, phone, edition):
    phone.goto(f"{live_server.url}/en/")
    # The top story and three secondary ones, then a page of the feed (the sections' blocks below).
    titles = phone.locator("main .front .teaser-title, main > .feed .teaser-title").all_inner_texts()
    assert len(titles) == 24 and titles[0] == edition.title
    phone.get_by_role("link", name="Older news").click()
    phone.wait_for_url("**/en/?before=*")
    older = phone.locator("main .teaser-title").all_inner_texts()
    assert len(older) == 2 and not set(older) & set(titles)
    phone.get_by_role("link", name="Newer news").click()
    phone.wait_for_url("**/en/?after=*")
    assert phone.locator("main .teaser-title").all_inner_texts() == titles[-20:]  # the plain feed


def test_it_works_without_javascript(live_server, browser, edition):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{edition.get_absolute_url()}")
    assert page.locator("h1").inner_text() == edition.title
    page.get_by_role("link", name="Politics").first.click()
    assert edition.title in page.locator("main").inner_text()
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_an_image_hidden_in_a_body_counts_no_view_of_another_story(
    live_server, browser, edition, make_article, javascript
):
    """Even if a body held an image of another story's pixel (the sanitiser drops one),
    reading this story counts this story only: with the beacon, and with the pixel."""
    from newsdesk.content.models import Article

    carrier = make_article("The carrier", body="<p>Text.</p>")
    hidden = "".join(f'<img src="/en/news/{edition.pk}/seen.gif" alt="">' for _ in range(3))
    Article.objects.filter(pk=carrier.pk).update(body=f"<p>Text.</p>{hidden}")  # past the sanitiser
    context = browser.new_context(java_script_enabled=javascript, user_agent=PHONE_USER_AGENT)
    page = context.new_page()
    with page.expect_response(
        lambda r: (
            "/seen.gif" in r.url and f"/{carrier.pk}/" in r.url
            if not javascript
            else r.url.endswith(f"/news/{carrier.pk}/views/")
        )
    ):
        page.goto(f"{live_server.url}{carrier.get_absolute_url()}")
    page.wait_for_load_state("networkidle")
    context.close()
    assert stored_total(carrier) == 1  # the story read
    assert stored_total(edition) == 14706  # not the story whose pixel was hidden in it


@pytest.fixture(scope="session")
def demo_stream_media(tmp_path_factory):
    """The demo's HLS loop, encoded once for the session."""
    from django.test import override_settings

    from newsdesk.demo.live_stream import encode_demo_stream

    media = tmp_path_factory.mktemp("stream-media")
    with override_settings(MEDIA_ROOT=media):
        encode_demo_stream("Kazakhstan Today Live")
    return media


@pytest.fixture
def live_site(transactional_db, settings, demo_stream_media):
    settings.MEDIA_ROOT = demo_stream_media
    site = SiteSettings.objects.get_or_create(pk=1)[0]
    site.live_stream_url = "/demo/live.m3u8"
    site.live_stream_title_en = "Kazakhstan Today Live"
    site.save()
    return site


def _plays(page) -> float:
    video = page.locator("#live-player")
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.getElementById('live-player').currentTime > 3", timeout=20_000)
    return video.evaluate("v => v.currentTime")


@pytest.mark.parametrize("native_hls", [True, False], ids=["native-hls", "hls.js"])
def test_the_live_tv_block_leads_to_a_player_that_plays(live_server, browser, live_site, native_hls):
    context = browser.new_context()
    page = context.new_page()
    if not native_hls:
        # As in Firefox on the desktop: no native HLS, so the page loads hls.js from this site.
        page.add_init_script("HTMLMediaElement.prototype.canPlayType = function () { return ''; };")
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Kazakhstan Today Live").click()
    page.wait_for_url("**/en/live/")
    assert _plays(page) > 3
    context.close()


@pytest.fixture
def embedded(transactional_db, make_article):
    return make_article(body="<p>The parties met.</p><p>https://youtu.be/dQw4w9WgXcQ</p><p>They signed.</p>")


def _kept_on_this_machine(page, live_server) -> list[str]:
    """Requests to this site go through; any other is recorded and never sent."""
    local = urlsplit(live_server.url).netloc
    outside: list[str] = []

    def handle(route):
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    return outside


def test_an_embedded_video_asks_the_provider_nothing_until_the_reader_loads_it(live_server, phone, embedded):
    outside = _kept_on_this_machine(phone, live_server)
    phone.goto(f"{live_server.url}{embedded.get_absolute_url()}")
    load = phone.get_by_role("button", name="Load the video from YouTube")
    load.wait_for()
    assert phone.get_by_text("Video on YouTube").is_visible()
    assert phone.get_by_text("YouTube, which then receives your IP address", exact=False).is_visible()
    link = phone.get_by_role("link", name="https://youtu.be/dQw4w9WgXcQ")
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    # The button fits a phone's screen and a thumb.
    box = load.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 390
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
    phone.wait_for_load_state("networkidle")
    assert outside == [] and phone.locator("iframe").count() == 0

    load.click()
    frame = phone.locator("figure.embed iframe")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert frame.get_attribute("title") == "Video on YouTube"
    assert phone.evaluate("document.activeElement.tagName") == "IFRAME"  # focus follows to the video
    assert load.count() == 0 and link.is_visible()
    # The frame is what asked the provider, and only it (aborted: nothing left this machine).
    for _ in range(50):
        if outside:
            break
        phone.wait_for_timeout(100)
    assert outside and all(url.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ") for url in outside)


def test_without_javascript_an_embed_is_its_link(live_server, browser, embedded):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    outside = _kept_on_this_machine(page, live_server)
    page.goto(f"{live_server.url}{embedded.get_absolute_url()}")
    assert page.get_by_role("link", name="https://youtu.be/dQw4w9WgXcQ").is_visible()
    assert not page.locator(".embed-load").is_visible() and not page.locator(".embed-note").is_visible()
    assert outside == []
    context.close()
