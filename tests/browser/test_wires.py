"""From the demo's wire to readers, in real Chromium: the worker reads the feed the demo
serves itself, a journalist takes an item from the Incoming desk into a draft, an editor
publishes it, and readers see where it came from."""

import pytest

from newsdesk.content.models import Article
from newsdesk.demo import wires as demo
from newsdesk.wires.models import WireItem
from newsdesk.wires.polling import wires_poll_due
from tests.browser.test_newsroom import _login, newsroom  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


def test_a_wire_item_is_taken_into_a_draft_and_published_with_its_source(
    live_server,
    browser,
    newsroom,  # noqa: F811
    settings,
    monkeypatch,
    tmp_path,
):
    settings.SITE_URL = live_server.url
    settings.WIRES = settings.WIRES | {"ALLOW_PRIVATE": True, "TIMEOUT": 5.0}
    monkeypatch.setenv("NEWSDESK_SHARED_DIR", str(tmp_path / "no-shared-folder"))
    feed_wire, _drop = demo.create_demo_wires()
    [polled] = wires_poll_due()  # as the worker does
    assert polled.error == ""
    item = WireItem.objects.filter(wire=feed_wire, language="en", versions_count=1).exclude(guid=demo.BRIEFING_GUID)[0]
    source = feed_wire.source

    # The journalist finds it on the Incoming desk and opens it.
    journalist = _login(browser, live_server, "journalist")
    journalist.goto(f"{live_server.url}/admin/wires/wireitem/")
    row = journalist.locator("#result_list tr", has_text=item.title)
    row.locator("a").first.click()
    journalist.locator(".incoming-item").get_by_text(item.lead).wait_for()
    assert journalist.locator(".incoming-item .meta").inner_text().startswith(demo.FEED_WIRE)

    # Takes it into a draft of the English edition, in Politics.
    assert journalist.locator("#id_language").input_value() == "en"  # the item's own language
    journalist.select_option("#id_section", label="Politics")
    journalist.get_by_role("button", name="Take", exact=True).click()
    journalist.wait_for_url(lambda url: "/admin/content/article/" in url and url.endswith("/change/"))
    journalist.get_by_text("A draft was made from the wire's item.").wait_for()
    assert journalist.locator("#id_title").input_value() == item.title
    assert journalist.locator("#id_lead").input_value() == item.lead
    release = next(r for r in demo.RELEASES if r.title == item.title)
    body = journalist.locator(".ql-editor").inner_text()
    assert release.paragraphs[0] in body and "written for the Newsdesk demo" in body
    assert journalist.locator("#id_source").input_value() == str(source.pk)
    assert source.name_en in journalist.locator(".field-source").inner_text()
    assert demo.FEED_WIRE in journalist.locator(".taken-from").inner_text()
    journalist.get_by_role("button", name="Submit for review").click()
    journalist.get_by_text("Submitted for review.").wait_for()

    # The editor publishes it from the review queue.
    editor = _login(browser, live_server, "editor")
    editor.goto(f"{live_server.url}/admin/content/article/?desk=review")
    editor.get_by_role("link", name=item.title).click()
    editor.wait_for_url(lambda url: "/change/" in url)  # the whole form before its buttons are pressed
    editor.get_by_role("button", name="Publish now").click()
    editor.get_by_text("Published.", exact=True).wait_for()

    # Readers see the story with its source, linked to the source's site.
    story = Article.objects.get(title=item.title)
    assert story.status == Article.Status.PUBLISHED and story.source == source
    reader = browser.new_context().new_page()
    reader.goto(f"{live_server.url}{story.get_absolute_url()}")
    reader.locator("h1", has_text=item.title).wait_for()
    attribution = reader.locator(".source")
    assert attribution.inner_text() == f"Source: {source.name_en}"
    assert attribution.locator("a").get_attribute("href") == source.url


def test_a_journalist_searches_the_desk_and_uploads_a_file(
    live_server,
    browser,
    newsroom,  # noqa: F811
    settings,
    monkeypatch,
    tmp_path,
):
    settings.SITE_URL = live_server.url
    settings.WIRES = settings.WIRES | {"ALLOW_PRIVATE": True, "TIMEOUT": 5.0}
    monkeypatch.setenv("NEWSDESK_SHARED_DIR", str(tmp_path / "no-shared-folder"))
    feed_wire, _drop = demo.create_demo_wires()
    wires_poll_due()
    item = WireItem.objects.filter(wire=feed_wire, language="en").exclude(guid=demo.BRIEFING_GUID)[0]
    others = WireItem.objects.filter(wire=feed_wire, language="en").exclude(pk=item.pk)
    word = next(w for w in item.title.split() if len(w) > 6 and not any(w in o.title for o in others))

    journalist = _login(browser, live_server, "journalist")
    journalist.goto(f"{live_server.url}/admin/wires/wireitem/")
    journalist.fill("#searchbar", word.lower().strip(",.:"))
    journalist.press("#searchbar", "Enter")
    journalist.wait_for_url(lambda url: "q=" in url)
    titles = journalist.locator("#result_list tbody tr").all_inner_texts()
    assert titles and all(word in t for t in titles), titles

    # A press release a ministry sent by e-mail, read as that wire's delivery.
    release = tmp_path / "release.xml"
    release.write_bytes(
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>MFA</title>'
        b"<item><guid>mail-1</guid><title>Minister receives the ambassador of Japan</title>"
        b"<description>The sides discussed trade.</description></item></channel></rss>"
    )
    journalist.get_by_role("link", name="Upload a wire's file").click()
    journalist.select_option("#id_wire", label=feed_wire.name)
    journalist.set_input_files("#id_file", str(release))
    journalist.get_by_role("button", name="Read the file").click()
    journalist.get_by_text("1 new item").wait_for()
    journalist.locator("#result_list", has_text="Minister receives the ambassador of Japan").wait_for()

    # A file that is no wire is an error on the form, and nothing is stored.
    page = tmp_path / "page.html"
    page.write_bytes(b"<!doctype html><html><body>Sorry</body></html>")
    journalist.get_by_role("link", name="Upload a wire's file").click()
    journalist.select_option("#id_wire", label=feed_wire.name)
    journalist.set_input_files("#id_file", str(page))
    journalist.get_by_role("button", name="Read the file").click()
    journalist.get_by_text("The document is an HTML page, not a feed.").wait_for()
    assert WireItem.objects.filter(title="Sorry").count() == 0
