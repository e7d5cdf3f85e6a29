"""The agency's pages: an address from the kind or the editor, a body made safe, one page
of a kind per edition, and the footer's list kept and forgotten on saving."""

import pytest
from django.core.exceptions import ValidationError

from newsdesk.siteconfig.models import AgencyPage, SiteSettings
from newsdesk.siteconfig.pages import footer_pages, page_in, published_page


def _page(**fields) -> AgencyPage:
    page = AgencyPage(**{"edition": "en", "title": "About us", "published": True, **fields})
    page.full_clean()
    page.save()
    return page


def test_a_kinds_page_takes_the_kinds_address(db):
    assert _page(kind="about").slug == "about"
    assert _page(kind="", slug="jobs", title="Jobs").slug == "jobs"


def test_a_page_needs_an_address_or_a_kind(db):
    with pytest.raises(ValidationError) as raised:
        _page(kind="", slug="")
    assert "slug" in raised.value.message_dict


@pytest.mark.parametrize("slug", ["About", "a b", "../etc", "a--b", "-a", "о-нас", "a/b", "a\x00"])
def test_an_address_is_lowercase_latin_letters_digits_and_hyphens(db, slug):
    with pytest.raises(ValidationError) as raised:
        _page(slug=slug)
    assert "slug" in raised.value.message_dict


def test_one_page_of_a_kind_and_one_address_per_edition(db):
    _page(kind="about")
    with pytest.raises(ValidationError) as raised:
        _page(kind="about", slug="about-us")
    assert "kind" in raised.value.message_dict
    with pytest.raises(ValidationError):
        _page(kind="", slug="about")
    assert _page(kind="about", edition="ru", title="О нас").slug == "about"


def test_the_body_is_sanitised_on_every_save(db):
    page = _page(kind="about", body='<p onclick="x()">Hi<script>alert(1)</script></p><iframe src="//evil"></iframe>')
    page.refresh_from_db()
    assert page.body == "<p>Hi</p>"
    AgencyPage.objects.filter(pk=page.pk).update(body="<script>alert(2)</script>")  # past the model
    page.refresh_from_db()
    page.save()
    assert "script" not in page.body


def test_the_footer_lists_the_published_pages_of_the_editions_language_in_order(db):
    _page(kind="contacts", title="Contacts", position=2)
    _page(kind="about", title="About us", position=1)
    _page(kind="privacy", title="Privacy", published=False)
    _page(kind="about", edition="kk", title="Біз туралы")
    assert [link.title for link in footer_pages(edition="en")] == ["About us", "Contacts"]
    assert [link.title for link in footer_pages(edition="kk-latn")] == ["Біз туралы"]
    assert footer_pages(edition="ru") == []


def test_saving_a_page_forgets_the_kept_list(db):
    page = _page(kind="about")
    assert len(footer_pages(edition="en")) == 1
    page.published = False
    page.save()
    assert footer_pages(edition="en") == []
    assert published_page(edition="en", slug="about") is None
    page.delete()
    assert page_in(language="en", kind="about", slug="about") is None


def test_the_legal_details_are_shown_in_the_editions_script(db):
    site = SiteSettings.objects.get_or_create(pk=1)[0]
    site.legal_name_kk = "Жаңалықтар агенттігі"
    site.editor_in_chief_en = "Aigerim Sadykova"
    assert site.legal_for("kk-latn")["legal_name"] == "Jañalyqtar agenttıgı"
    assert site.legal_for("kk")["legal_name"] == "Жаңалықтар агенттігі"
    assert site.legal_for("ru")["editor_in_chief"] == "Aigerim Sadykova"  # another language's when empty


@pytest.mark.parametrize(
    ("field", "url", "ok"),
    [
        ("social_telegram", "https://t.me/kaztoday", True),
        ("social_telegram", "http://t.me/kaztoday", False),
        ("social_telegram", "https://t.me.evil.com/x", False),
        ("social_x", "https://twitter.com/kaztoday", True),
        ("social_youtube", "javascript:alert(1)", False),
        ("social_vk", "https://vk.com/kaztoday", True),
        ("social_vk", "https://vk.example/demo", True),  # a reserved example host: the demo's
        ("social_vk", "https://vk.example.com/demo", False),
        ("social_instagram", "https://www.instagram.com/kaztoday/", True),
        ("social_facebook", "https://facebook.com@evil.com/", False),
    ],
)
def test_social_links_are_https_addresses_on_the_networks_own_hosts(db, field, url, ok):
    site = SiteSettings.objects.get_or_create(pk=1)[0]
    setattr(site, field, url)
    if ok:
        site.full_clean()
        assert site.social_links == [(_label(field), url)]
    else:
        with pytest.raises(ValidationError) as raised:
            site.full_clean()
        assert field in raised.value.message_dict


def _label(field: str) -> str:
    from newsdesk.siteconfig.social import SOCIAL_NETWORKS

    return str(SOCIAL_NETWORKS[field.removeprefix("social_")][0])
