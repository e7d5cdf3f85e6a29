"""No lost words, in real Chromium: text typed and never saved comes back after the tab
is closed, leaving with unsaved changes asks first, and two people on one story see each
other."""

import time

import pytest

from newsdesk.newsroom.models import DraftCopy
from tests.browser.test_newsroom import _login, newsroom  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

TYPED = " Words typed and never saved."


def _wait_for(condition, seconds: float = 15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.2)
    raise AssertionError("waited in vain")


@pytest.fixture
def draft(newsroom, make_article):  # noqa: F811  (pytest's fixture by name)
    article = make_article("Cold spell to grip Kazakhstan", ago=None, body="<p>Snow is forecast.</p>")
    article.created_by = newsroom["journalist"]
    article.save(update_fields=["created_by"])
    return article


def _type_at_the_end(page, text: str) -> None:
    page.locator(".ql-editor").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_text_comes_back_after_the_tab_is_closed(live_server, browser, draft):
    page = _login(browser, live_server, "journalist")
    url = f"{live_server.url}/admin/content/article/{draft.pk}/change/"
    page.goto(url)
    _type_at_the_end(page, TYPED)
    page.close()  # at once: the copy leaves with the page
    copy = _wait_for(lambda: DraftCopy.objects.filter(article=draft).first())
    assert TYPED.strip() in copy.body
    again = page.context.new_page()
    again.goto(url)
    assert "is back in the form below" in again.locator(".restored").inner_text()
    assert TYPED.strip() in again.locator(".ql-editor").inner_text()
    again.get_by_role("button", name="Save and continue editing").click()
    again.wait_for_url(url)
    draft.refresh_from_db()
    assert TYPED.strip() in draft.body and not DraftCopy.objects.exists()


def test_text_is_autosaved_while_typing(live_server, browser, draft):
    page = _login(browser, live_server, "journalist")
    page.goto(f"{live_server.url}/admin/content/article/{draft.pk}/change/")
    _type_at_the_end(page, TYPED)
    page.locator(".autosave-status", has_text="Autosaved at").wait_for(timeout=15_000)
    assert TYPED.strip() in DraftCopy.objects.get(article=draft).body


def test_leaving_with_unsaved_changes_asks_first(live_server, browser, draft):
    page = _login(browser, live_server, "journalist")
    url = f"{live_server.url}/admin/content/article/{draft.pk}/change/"
    page.goto(url)
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Revisions and history").click()
    page.wait_for_url("**/history/")  # nothing typed yet: it leaves without asking
    page.go_back()
    page.locator(".ql-editor").wait_for()
    _type_at_the_end(page, TYPED)
    page.get_by_role("link", name="Revisions and history").click()
    _wait_for(lambda: asked)
    assert asked == ["beforeunload"] and page.url == url


def test_two_people_on_one_story_see_each_other(live_server, browser, newsroom, draft):  # noqa: F811
    from newsdesk.newsroom import services

    services.article_submit(article=draft, by=newsroom["journalist"])
    url = f"{live_server.url}/admin/content/article/{draft.pk}/change/"
    journalist = _login(browser, live_server, "journalist")
    errors = []
    journalist.on("pageerror", lambda error: errors.append(error))
    journalist.goto(url)
    editor = _login(browser, live_server, "editor")
    editor.goto(url)
    assert "Journalist has this story open since" in editor.locator("#presence").inner_text()
    journalist.locator("#presence", has_text="Editor has this story open since").wait_for(timeout=20_000)
    editor.close()
    journalist.locator("#presence").wait_for(state="hidden", timeout=20_000)
    assert not errors
