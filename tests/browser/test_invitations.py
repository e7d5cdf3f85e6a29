"""A chief editor invites an editor in real Chromium; the editor takes the link from a
real mail server, chooses a password and signs in to the back office."""

import re

import pytest
from django.contrib.auth.models import User

from newsdesk.accounts.models import Invitation, TwoFactor
from newsdesk.newsroom import roles
from tests.accounts.helpers import two_factor_on
from tests.mailbox import smtp, text_of
from tests.newsroom.conftest import PASSWORD, roles_create, staff

__all__ = ["smtp"]

pytestmark = pytest.mark.browser

NEW_PASSWORD = "my own long password 2026"


@pytest.fixture
def chief(transactional_db):
    roles_create()
    user = staff("chief", roles.CHIEF_EDITOR)
    TwoFactor.objects.filter(user=user).delete()
    return user, two_factor_on(user)


def test_a_chief_editor_invites_an_editor_who_signs_in_with_the_editor_role(
    live_server, browser, chief, section, smtp, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    _chief, authenticator = chief
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/login/code/")
    page.fill("#id_code", authenticator.code())
    page.click("#code-form input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/auth/user/add/")
    page.fill("#id_first_name", "Aigerim")
    page.fill("#id_last_name", "Sapar")
    page.fill("#id_email", "aigerim@news.example.kz")
    page.get_by_label(re.compile("Editor:")).check()
    page.select_option("#id_sections_from", label="Politics")
    page.click("#id_sections_add")
    page.select_option("#id_language", "kk")
    page.screenshot(path=str(tmp_path / "invite.png"), full_page=True)
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/auth/user/\d+/change/$"))
    assert "Invitation sent to aigerim@news.example.kz." in page.inner_text(".messagelist")
    assert page.locator("#id_author-0-name").input_value() == "Aigerim Sapar"

    [message] = smtp.messages
    link = re.search(rf"{re.escape(live_server.url)}/admin/invitation/\S+/", text_of(message)).group(0)
    person = User.objects.get(email="aigerim@news.example.kz")
    assert list(person.desk.sections.all()) == [section]

    newcomer = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    newcomer.goto(link)
    newcomer.fill("#id_new_password1", NEW_PASSWORD)
    newcomer.fill("#id_new_password2", NEW_PASSWORD)
    newcomer.click("#new-password-form input[type=submit]")
    newcomer.wait_for_url(f"{live_server.url}/admin/login/")
    newcomer.fill("#id_username", "aigerim@news.example.kz")
    newcomer.fill("#id_password", NEW_PASSWORD)
    newcomer.click("input[type=submit]")
    newcomer.wait_for_url(f"{live_server.url}/admin/")
    assert newcomer.locator("html").get_attribute("lang") == "kk"  # the language chosen for her
    assert newcomer.locator("a[href='/admin/content/article/']").count() >= 1
    person.refresh_from_db()
    assert person.is_staff and not person.is_superuser
    assert list(person.groups.values_list("name", flat=True)) == [roles.EDITOR]
    assert Invitation.objects.get(user=person).accepted_at is not None
    newcomer.goto(link)
    assert newcomer.locator(".errornote").is_visible()  # the link worked once
