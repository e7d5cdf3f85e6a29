"""The back office in Russian and Kazakh, in real Chromium: no English in what a person
sees, the text scripts write included (the editor's labels, the select boxes' messages,
the calendar shortcuts and the time-zone note)."""

import pytest

from newsdesk.accounts.language import language_choose
from tests.browser.test_newsroom import _login as newsroom_login
from tests.browser.test_newsroom import newsroom  # noqa: F401  (the fixture)
from tests.newsroom.language_walk import english_left

pytestmark = pytest.mark.browser

# Everything on the page a person reads: its text, the labels scripts and styles draw
# (::before and ::after), and the attributes that are shown or spoken.
SHOWN = """() => {
  const out = [document.body.innerText];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("textarea, script, style, .ql-editor")) continue;
    for (const name of ["title", "placeholder", "aria-label", "alt"]) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
    for (const pseudo of ["::before", "::after"]) {
      const content = getComputedStyle(el, pseudo).content;
      for (const quoted of (content || "").match(/"(?:[^"\\\\]|\\\\.)*"/g) || []) {
        out.push(quoted.slice(1, -1));
      }
    }
  }
  return out.join("\\n");
}"""


def _login(browser, live_server, username: str):
    """Signed in from a browser in London, five hours behind the agency: the date fields
    then say so in a note the admin's script writes."""
    return newsroom_login(browser, live_server, username, timezone_id="Europe/London")


def _english_on(page) -> list[str]:
    return english_left([line for line in page.evaluate(SHOWN).split("\n") if line.strip()])


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_story_form_and_the_list_speak_the_language(live_server, browser, newsroom, language):  # noqa: F811
    language_choose(user=newsroom["editor"], language=language)
    page = _login(browser, live_server, "editor")
    page.context.set_extra_http_headers({"Accept-Language": "en"})  # the person's choice wins over the browser's

    page.goto(f"{live_server.url}/admin/content/article/add/")
    page.locator(".ql-toolbar .ql-header .ql-picker-label").click()  # the paragraph styles open
    page.locator(".field-source .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("щщщ")
    page.locator(".select2-results__message").wait_for()
    page.locator(".timezonewarning").first.wait_for()  # the time-zone note, written by the admin's script
    found = {"story form": _english_on(page)}
    page.keyboard.press("Escape")

    page.goto(f"{live_server.url}/admin/content/article/")
    found["list with filters"] = _english_on(page)
    assert not any(found.values()), "\n".join(f"{screen}: {left}" for screen, left in found.items())
