"""A journalist's and an editor's day from the desk's front page, in real Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.newsroom import services
from tests.browser.test_newsroom import _login, newsroom  # noqa: F401  (the fixture)
from tests.conftest import ALMATY

pytestmark = pytest.mark.browser


def test_a_journalists_day_write_submit_sent_back_fix_resubmit(live_server, browser, newsroom):  # noqa: F811
    journalist = _login(browser, live_server, "journalist")
    journalist.get_by_role("heading", name="My drafts").wait_for()
    journalist.get_by_role("link", name="Write a story").click()
    journalist.wait_for_url("**/admin/content/article/add/")
    journalist.fill("#id_title", "Wheat harvest beats forecast")
    journalist.fill("#id_lead", "Farmers brought in more than expected.")
    journalist.locator(".ql-editor").click()
    journalist.keyboard.type("The harvest reached 26 million tonnes.")
    journalist.select_option("#id_section", label="Politics")
    journalist.click("input[name=_continue]")
    journalist.wait_for_url("**/change/")
    journalist.get_by_role("button", name="Submit for review").click()
    journalist.get_by_text("Submitted for review.").wait_for()

    # The editor sends it back with a comment (as the editor's own screen would).
    story = Article.objects.get(title="Wheat harvest beats forecast")
    services.article_send_back(article=story, by=newsroom["editor"], comment="Say who counted the harvest.")

    journalist.goto(f"{live_server.url}/admin/")
    sent_back = journalist.locator(".desk-sent_back")
    sent_back.get_by_text("Say who counted the harvest.").wait_for()
    assert journalist.locator(".notifications-count").inner_text() == "1"
    sent_back.get_by_role("link", name="Wheat harvest beats forecast").click()
    journalist.wait_for_url(lambda url: "/change/" in url)  # the whole form before its buttons are pressed
    assert journalist.locator(".workflow-status").inner_text() == "Sent back"
    journalist.locator(".ql-editor").click()
    journalist.keyboard.press("Control+End")
    journalist.keyboard.type(" The ministry of agriculture reports.")
    journalist.get_by_role("button", name="Submit for review").click()
    journalist.get_by_text("Submitted for review.").wait_for()
    assert "ministry of agriculture" in Article.objects.get(pk=story.pk).body

    journalist.goto(f"{live_server.url}/admin/")
    assert journalist.locator(".desk-sent_back").get_by_text("Wheat harvest").count() == 0
    journalist.get_by_role("link", name="Notifications").click()
    journalist.get_by_text("Say who counted the harvest.").wait_for()
    journalist.get_by_role("button", name="Mark all read").click()
    assert journalist.locator(".notifications-count").count() == 0


def test_an_editors_day_queue_review_schedule_calendar(live_server, browser, newsroom, section):  # noqa: F811
    story = services.article_save(
        article=Article(title="Parliament opens its session", body="<p>Deputies gathered.</p>", section=section),
        by=newsroom["journalist"],
    )
    services.article_submit(article=story, by=newsroom["journalist"])

    editor = _login(browser, live_server, "editor")
    queue = editor.locator(".desk-review")
    queue.get_by_role("link", name="Parliament opens its session").click()
    editor.wait_for_url(lambda url: "/change/" in url)  # the whole form before its buttons are pressed
    editor.locator(".workflow-log").get_by_text("submitted for review").wait_for()
    tomorrow = timezone.now().astimezone(ALMATY).date() + timedelta(days=1)
    editor.fill("#schedule-at", f"{tomorrow.isoformat()}T10:00")
    editor.get_by_role("button", name="Schedule", exact=True).click()
    editor.get_by_text("Scheduled for").first.wait_for()

    editor.goto(f"{live_server.url}/admin/")
    editor.get_by_role("link", name="Calendar").click()
    editor.goto(f"{live_server.url}/admin/calendar/?day={tomorrow.isoformat()}")
    entry = editor.locator(".calendar-entry", has_text="Parliament opens its session")
    assert entry.inner_text().startswith("10:00")
    row = editor.locator("tr", has=entry)
    assert row.locator("th").inner_text() == "10:00"
    entry.click()
    editor.wait_for_url(f"**/admin/content/article/{story.pk}/change/")
