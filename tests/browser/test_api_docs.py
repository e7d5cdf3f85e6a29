"""A partner's developer opens the API's docs, in a real Chromium: served from this site
under its content security policy, and a call tried from the page with a key answers."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_the_docs_render_from_this_site_and_try_a_call(live_server, browser, transactional_db, story):
    from newsdesk.partners.keys import partner_key_create
    from newsdesk.partners.models import Partner
    from newsdesk.partners.versions import pending_settle

    pending_settle()
    partner = Partner.objects.create(name="Daily Courier", editions=["en"])
    key = partner_key_create(partner=partner, label="docs", by=None)[1]
    page = browser.new_page()
    hosts, problems = set(), []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.get_by_text("Newsdesk partner API").first.wait_for()
    page.get_by_role("button", name="Authorize").click()
    page.locator(".auth-container input").fill(key)
    page.locator(".modal-ux .auth-btn-wrapper .authorize").click()
    page.locator(".modal-ux .btn-done").click()
    page.locator("#operations-default-newsdesk_partners_api_items").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip().startswith("200")
    assert "Kazakhstan and World Health Organization" in page.locator(".live-responses-table").inner_text()
    assert hosts == {urlsplit(live_server.url).netloc}, hosts
    assert not [p for p in problems if "Content Security Policy" in p], problems
    page.close()
