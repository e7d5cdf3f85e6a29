"""A reader moves between editions in real Chromium."""

import pytest

pytestmark = pytest.mark.browser


def test_a_reader_switches_from_english_to_the_kazakh_latin_version(live_server, browser, make_article, agency):
    english = make_article("Kazakhstan and WHO Strengthen Cooperation")
    kazakh = make_article(
        "Қазақстан мен ДДСҰ ынтымақтастықты нығайтады", language="kk", translation_group=english.translation_group
    )
    page = browser.new_page()
    page.goto(f"{live_server.url}{english.get_absolute_url()}")
    page.get_by_role("link", name="Qazaqşa").click()
    page.wait_for_url(f"**/kk-latn/news/{kazakh.pk}-**")
    assert page.locator("h1").inner_text() == "Qazaqstan men DDSŪ yntymaqtastyqty nyğaitady"
    assert page.locator("html").get_attribute("lang") == "kk-Latn"
    page.get_by_role("link", name="Қазақша").click()
    page.wait_for_url(f"**/kk/news/{kazakh.pk}-**")
    assert page.locator("h1").inner_text() == kazakh.title
    page.close()
