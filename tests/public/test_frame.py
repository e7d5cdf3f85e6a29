"""The frame every reader's page shares, kept per edition (public/frame.py): rendered once,
and never older than what it shows."""

import re

from newsdesk.public import frame
from newsdesk.siteconfig.models import AgencyPage
from newsdesk.siteconfig.pages import forget_pages
from newsdesk.siteconfig.selectors import forget_site_settings


def _html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def _current(html: str) -> list[str]:
    menu = html[html.index('<nav class="sections"') : html.index("</nav>", html.index('<nav class="sections"'))]
    return re.findall(r'<a href="([^"]+)" aria-current="page">', menu)


def test_the_menu_marks_the_page_it_is_and_no_other(client, story, agency):
    assert _current(_html(client, "/en/")) == ["/en/"]
    assert _current(_html(client, "/en/most-viewed/")) == ["/en/most-viewed/"]
    assert _current(_html(client, f"/en/section/{story.section.slug}/")) == [f"/en/section/{story.section.slug}/"]
    assert _current(_html(client, story.get_absolute_url())) == []
    assert _current(_html(client, "/en/tag/who/")) == []


def test_two_pages_of_an_edition_share_the_kept_frame(client, story, make_article, agency, monkeypatch):
    other = make_article("Another story")
    _html(client, story.get_absolute_url())
    kept = len(frame._kept)
    monkeypatch.setattr(frame, "_macro", lambda name: (_ for _ in ()).throw(AssertionError(f"{name} rendered again")))
    assert "Another story" in _html(client, other.get_absolute_url())
    assert len(frame._kept) == kept == 3  # the brand and search form, the menu, the footer
    monkeypatch.undo()
    _html(client, "/ru/")
    assert len(frame._kept) == 6  # another edition: its own


def test_the_only_search_landmark_of_the_search_page_is_its_own_form(client, story, agency):
    assert 'class="site-search" role="search"' in _html(client, "/en/")
    search = _html(client, "/en/search/?q=health")
    assert 'class="site-search" method="get"' in search and search.count('role="search"') == 1


def test_a_change_of_the_settings_or_the_footers_pages_is_shown_at_once(client, story, agency):
    _html(client, "/en/")
    agency.name_en = "Kazakhstan Today Agency"
    agency.legal_address_en = "Astana, Mangilik El 55"
    agency.save()
    forget_site_settings()
    html = _html(client, story.get_absolute_url())
    brand = html[html.index('<a class="brand"') : html.index("</a>", html.index('<a class="brand"'))]
    assert "Kazakhstan Today Agency" in brand
    assert "Astana, Mangilik El 55" in html[html.index('<footer class="site-footer"') :]
    page = AgencyPage(edition="en", kind="about", title="About the agency", published=True, body="<p>Us.</p>")
    page.full_clean()
    page.save()
    forget_pages()
    assert "About the agency" in _html(client, "/en/")[_html(client, "/en/").index('<footer class="site-footer"') :]
