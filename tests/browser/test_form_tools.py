"""The story's form in real Chromium: counters, keyboard shortcuts and a tag typed in."""

import pytest

from newsdesk.content.models import Article
from tests.browser.test_autosave import draft  # noqa: F401  (the fixture)
from tests.browser.test_newsroom import _login, newsroom  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


def test_counters_shortcuts_and_a_new_tag(live_server, browser, draft):  # noqa: F811
    page = _login(browser, live_server, "journalist")
    page.goto(f"{live_server.url}/admin/content/article/{draft.pk}/change/")
    counter = page.locator("#id_title-count")
    assert counter.inner_text().startswith(f"{len(draft.title)} characters")
    page.fill("#id_title", "Ә" * 95)
    assert counter.inner_text().startswith("95 characters") and "over" in counter.get_attribute("class")
    page.fill("#id_title", "Cold spell to grip Kazakhstan and Kyrgyzstan")
    page.locator(".field-tags .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Арктика")
    page.locator(".select2-results__option", has_text="Арктика").first.click()
    page.keyboard.press("Control+s")
    page.get_by_text("was changed successfully").wait_for()
    draft.refresh_from_db()
    assert draft.title == "Cold spell to grip Kazakhstan and Kyrgyzstan"
    assert [(t.name, t.language) for t in draft.tags.all()] == [("Арктика", "en")]
    page.keyboard.press("Control+Enter")
    page.get_by_text("Submitted for review.").wait_for()
    assert Article.objects.get(pk=draft.pk).status == Article.Status.IN_REVIEW


def test_a_photo_added_from_the_form_becomes_the_lead_photo(live_server, browser, draft, tmp_path):  # noqa: F811
    from tests.conftest import jpeg_bytes

    picture = tmp_path / "steppe.jpg"
    picture.write_bytes(jpeg_bytes())
    page = _login(browser, live_server, "journalist")
    page.goto(f"{live_server.url}/admin/content/article/{draft.pk}/change/")
    page.get_by_role("button", name="Choose from the library").click()
    panel = page.locator(".field-photo .photo-picker")
    panel.locator("input[type=file]").set_input_files(str(picture))
    panel.get_by_role("button", name="Add to the library").click()
    assert "Say what the photo shows" in panel.locator(".errornote").inner_text()  # nothing typed yet
    panel.get_by_label("What the photo shows").fill("Steppe in winter")
    panel.get_by_label("Credit").fill("Kazinform")
    panel.get_by_role("button", name="Add to the library").click()
    page.locator(".lead-photo-preview:visible").wait_for()
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_text("was changed successfully").wait_for()
    draft.refresh_from_db()
    assert draft.photo is not None and draft.photo.alt_text == "Steppe in winter" and draft.photo.renditions
