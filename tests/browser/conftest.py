"""Real Chromium, driven by Playwright, against the live test server.

The browser is Debian's `chromium` (or $CHROMIUM); Playwright never downloads one.
Without a Chromium these tests are skipped, unless NEWSDESK_REQUIRE_BROWSER=1
(as in CI), where a missing browser is a failure.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the tests still make
# plain synchronous ORM calls around it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A reader's phone, not "HeadlessChrome", so that views are counted as a reader's.
PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)


def _chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session", autouse=True)
def _a_connection_per_request():
    """The live server answers each of the browser's keep-alive sockets on a thread of its
    own, for as long as the socket lives. With the site's persistent connections
    (CONN_MAX_AGE) each such thread kept its PostgreSQL connection as long, and the whole
    browser run reached the server's limit of 100 clients. Here every request closes its
    connection when it ends, as with CONN_MAX_AGE = 0."""
    from django.db import connections

    for alias in connections:
        connections.settings[alias]["CONN_MAX_AGE"] = 0


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if path is None:
        if os.environ.get("NEWSDESK_REQUIRE_BROWSER") == "1":
            pytest.fail("NEWSDESK_REQUIRE_BROWSER=1 but no Chromium is installed (apt install chromium)")
        pytest.skip("no Chromium installed (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, user_agent=PHONE_USER_AGENT, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    yield page
    context.close()
