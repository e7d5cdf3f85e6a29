"""A reader searches the demo edition from the header's box, on a phone, in real Chromium:
a Russian word in another form, a Kazakh one with its suffixes, Latin Kazakh."""

import re

import pytest
from django.test import override_settings

from newsdesk.demo.loader import load_demo

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_site(transactional_db, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        load_demo(generated_count=10)
        yield


def search_from_the_header(page, url: str, words: str) -> list[str]:
    page.goto(url)
    box = page.locator("#site-search-q")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    return page.locator(".search-hit .teaser-title").all_inner_texts()


def test_a_reader_finds_stories_in_each_language_and_script(live_server, phone, demo_site):
    # "здравоохранению" is in no story; "здравоохранения" is.
    found = search_from_the_header(phone, f"{live_server.url}/ru/", "здравоохранению")
    assert found[0] == "Казахстан и Всемирная организация здравоохранения укрепляют сотрудничество"
    assert phone.locator(".search-hit mark").first.inner_text().lower().startswith("здравоохранени")
    assert phone.locator("h1").inner_text() == "Результаты поиска по запросу «здравоохранению»"

    found = search_from_the_header(phone, f"{live_server.url}/kk/", "денсаулығы")
    assert "Қазақстан мен Дүниежүзілік денсаулық сақтау ұйымы ынтымақтастықты нығайтады" in found

    found = search_from_the_header(phone, f"{live_server.url}/kk-latn/", "densaulyq")
    assert "Qazaqstan men Düniejüzılık densaulyq saqtau ūiymy yntymaqtastyqty nyğaitady" in found
    phone.locator(".search-hit .teaser-title a").first.click()
    phone.wait_for_url(re.compile(r"/kk-latn/news/\d+-"))
    assert "densaulyq" in phone.locator("h1").inner_text().lower()


def test_a_reader_orders_by_date_and_sees_a_helpful_page_for_nothing(live_server, phone, demo_site):
    search_from_the_header(phone, f"{live_server.url}/en/", "Kazakhstan")
    phone.locator(".search-options summary").click()
    phone.locator("#search-order").select_option("date")
    phone.get_by_role("button", name="Apply").click()
    phone.wait_for_url(re.compile(r"order=date"))
    times = phone.locator(".search-hit time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")
    assert len(times) == 20 and times == sorted(times, reverse=True)
    phone.get_by_role("link", name="More results").click()
    phone.wait_for_url(re.compile(r"page=2"))
    assert phone.locator(".search-hit").count() > 0

    found = search_from_the_header(phone, f"{live_server.url}/en/", "zzqxv glacier")
    assert found == []
    assert phone.get_by_text("No story matches all of these words.").is_visible()
