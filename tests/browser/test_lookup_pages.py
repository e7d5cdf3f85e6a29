"""A phone reader finds Most viewed, the corrections log and the archive's calendar."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from newsdesk.newsroom import services as workflow

pytestmark = pytest.mark.browser
ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
def corrected(transactional_db, make_article, story):
    """The reference article, corrected, on top of 25 earlier stories."""
    for n in range(25):
        make_article(f"Earlier story {n}", at=datetime(2025, 12, 10, 18, n, tzinfo=ALMATY))
    workflow.article_save(article=story, by=None, correction_note="The minister's title was wrong.")
    return story


def test_a_phone_reader_reaches_most_viewed_without_scrolling(live_server, phone, corrected):
    phone.goto(f"{live_server.url}/en/")
    link = phone.locator("nav.sections").get_by_role("link", name="Most viewed")
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, "the link is below the first screen"
    link.click()
    phone.wait_for_url("**/en/most-viewed/")
    assert phone.locator("main h2").all_inner_texts() == ["Day", "Week", "Month"]
    assert phone.locator("main .ranked-title").first.inner_text() == corrected.title
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390


def test_a_reader_goes_from_a_correction_to_the_log_and_back_to_the_note(live_server, phone, corrected):
    phone.goto(f"{live_server.url}{corrected.get_absolute_url()}")
    phone.get_by_role("link", name="All corrections").click()
    phone.wait_for_url("**/en/corrections/")
    assert phone.locator(".correction-note").all_inner_texts() == ["The minister's title was wrong."]
    phone.locator(".correction-log").get_by_role("link", name=corrected.title).click()
    phone.wait_for_url(f"**{corrected.get_absolute_url()}#correction-*")
    assert phone.locator(".corrections p:target").inner_text().endswith("The minister's title was wrong.")


def test_a_reader_walks_from_the_articles_date_to_its_month_and_another_day(live_server, phone, corrected):
    phone.goto(f"{live_server.url}{corrected.get_absolute_url()}")
    phone.locator(".story-header .day-link").click()
    phone.wait_for_url("**/en/2025/12/11/")
    phone.get_by_role("link", name="The month's calendar").click()
    phone.wait_for_url("**/en/2025/12/")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
    phone.get_by_role("link", name="10 December 2025: 25 stories").click()
    phone.wait_for_url("**/en/2025/12/10/")
    assert phone.locator("main .teaser-title").first.inner_text() == "Earlier story 24"
