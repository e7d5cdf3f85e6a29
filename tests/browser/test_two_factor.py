"""Two-factor sign-in in real Chromium: enrol, sign out, sign in with a code, then with a recovery code."""

import pytest

from newsdesk.accounts import otp
from newsdesk.accounts.models import TwoFactor
from newsdesk.newsroom import roles
from tests.newsroom.conftest import PASSWORD, roles_create, staff

pytestmark = pytest.mark.browser


@pytest.fixture
def chief(transactional_db):
    roles_create()
    user = staff("chief", roles.CHIEF_EDITOR)
    TwoFactor.objects.filter(user=user).delete()  # as `make demo` leaves the chief: not enrolled yet
    return user


def _password_step(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def _sign_out(page, live_server) -> None:
    page.click("#logout-form button")
    page.wait_for_url(f"{live_server.url}/admin/logout/")
    page.goto(f"{live_server.url}/admin/")
    page.wait_for_url(f"{live_server.url}/admin/login/?next=/admin/")


def test_a_chief_editor_enrols_then_signs_in_with_a_code_and_with_a_recovery_code(
    live_server, browser, chief, tmp_path
):
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()

    # First sign-in: the password, then enrolment before anything else.
    _password_step(page, live_server)
    page.wait_for_url(f"{live_server.url}/admin/two-factor/**")
    qr = page.locator(".two-factor-qr svg")
    assert qr.is_visible() and qr.bounding_box()["width"] > 100
    page.screenshot(path=str(tmp_path / "enrol.png"), full_page=True)
    secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")
    page.fill("#id_code", otp.code_at(secret, otp.current_step()))
    page.click("#enrol-form input[type=submit]")
    codes = [code.strip() for code in page.locator("#recovery-codes code").all_inner_texts()]
    assert len(codes) == 10
    page.get_by_role("link", name="Continue to the back office").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    _sign_out(page, live_server)

    # Second sign-in: the password, then a code from the app (a later one: never the same twice).
    _password_step(page, live_server)
    page.wait_for_url(f"{live_server.url}/admin/login/code/")
    page.fill("#id_code", otp.code_at(secret, otp.current_step() + 1))
    page.click("#code-form input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.locator("#user-tools").is_visible()
    _sign_out(page, live_server)

    # Third: the phone is lost; a recovery code signs in, once.
    _password_step(page, live_server)
    page.wait_for_url(f"{live_server.url}/admin/login/code/")
    page.fill("#id_code", codes[0])
    page.click("#code-form input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    _sign_out(page, live_server)
    _password_step(page, live_server)
    page.wait_for_url(f"{live_server.url}/admin/login/code/")
    page.fill("#id_code", codes[0])
    page.click("#code-form input[type=submit]")
    page.get_by_text("That code is not right, or it has been used already.").wait_for()
