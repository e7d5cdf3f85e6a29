"""A reader finds the agency's pages, legal details and social links in the footer, on a
phone and a desktop, and nothing is loaded from another host."""

from urllib.parse import urlsplit

import pytest

from newsdesk.siteconfig.models import AgencyPage

pytestmark = pytest.mark.browser


@pytest.fixture
def agency_pages(transactional_db, story, agency):
    agency.legal_name_en = "Kazakhstan Today LLP"
    agency.editor_in_chief_en = "Aigerim Sadykova"
    agency.social_telegram = "https://t.me/kaztoday"
    agency.social_youtube = "https://www.youtube.com/@kaztoday"
    agency.save()
    for kind, title, position in (("about", "About us", 1), ("contacts", "Contacts", 2)):
        AgencyPage.objects.create(
            edition="en", kind=kind, title=title, position=position, published=True, body=f"<p>{title} text.</p>"
        )
    AgencyPage.objects.create(edition="kk", kind="about", title="Біз туралы", published=True, body="<p>Мәтін.</p>")


@pytest.fixture(params=["phone", "desktop"])
def reader(request, browser):
    if request.param == "phone":
        return request.getfixturevalue("phone")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    request.addfinalizer(context.close)
    return context.new_page()


def test_a_reader_goes_from_the_footer_to_the_about_page(live_server, reader, agency_pages):
    hosts = set()
    reader.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    reader.goto(f"{live_server.url}/en/")
    footer = reader.locator("footer.site-footer")
    assert "© Kazakhstan Today LLP" in footer.inner_text() and "Aigerim Sadykova" in footer.inner_text()
    assert footer.get_by_role("link", name="Telegram").get_attribute("href") == "https://t.me/kaztoday"
    assert footer.locator("iframe").count() == 0
    footer.get_by_role("link", name="About us").click()
    reader.wait_for_url("**/en/page/about/")
    assert reader.locator("main h1").inner_text() == "About us"
    assert reader.locator("main .story-body").inner_text() == "About us text."
    assert reader.evaluate("document.scrollingElement.scrollWidth") <= reader.viewport_size["width"]
    assert hosts == {urlsplit(live_server.url).netloc}, hosts  # nothing from another host


def test_the_latin_edition_lists_the_kazakh_page_in_latin_letters(live_server, phone, agency_pages):
    phone.goto(f"{live_server.url}/kk-latn/")
    phone.locator("footer.site-footer").get_by_role("link", name="Bız turaly").click()
    phone.wait_for_url("**/kk-latn/page/about/")
    assert phone.locator("main h1").inner_text() == "Bız turaly"
