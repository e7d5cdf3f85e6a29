"""Finding 12: two-factor sign-in for staff, required of chief editors and superusers."""

import re
import time

import pytest
from django.contrib.auth import get_user_model

from newsdesk.accounts import otp, views
from newsdesk.accounts.models import RecoveryCode, SignInAttempt, TwoFactor
from tests.accounts.conftest import PASSWORD, sign_in
from tests.accounts.helpers import two_factor_on
from tests.newsroom.conftest import staff

ENROL = "/admin/two-factor/"
CODE = "/admin/login/code/"


def _enrol_page_secret(html: str) -> str:
    shown = re.search(r'<code class="two-factor-secret" id="two-factor-secret">([A-Z2-7 ]+)</code>', html).group(1)
    return shown.replace(" ", "")


@pytest.fixture
def unenrolled_chief(db):
    from newsdesk.newsroom import roles

    user = staff("saule", roles.CHIEF_EDITOR)
    TwoFactor.objects.filter(user=user).delete()
    return user


def test_a_chief_editor_without_two_factor_is_taken_to_enrolment_before_anything_else(client, unenrolled_chief):
    response = sign_in(client, "saule")
    assert response.status_code == 302 and response["Location"] == "/admin/"  # the password was right
    for page in ("/admin/", "/admin/content/article/", "/admin/auth/user/", "/admin/password_change/"):
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith(f"{ENROL}?next="), page
    assert client.get(ENROL).status_code == 200
    assert client.post("/admin/logout/").status_code == 200  # signing out is always possible


def test_a_superuser_must_enrol_too(client, db):
    root = get_user_model().objects.create_superuser("root", password=PASSWORD)
    client.force_login(root)
    assert client.get("/admin/")["Location"].startswith(ENROL)
    two_factor_on(root)
    assert client.get("/admin/").status_code == 200


def test_editors_and_journalists_may_work_without_it(client, editor, journalist):
    for person in (editor, journalist):
        client.force_login(person)
        assert client.get("/admin/").status_code == 200


def test_enrolment_shows_a_qr_code_and_the_key_and_needs_a_first_code(client, unenrolled_chief):
    client.force_login(unenrolled_chief)
    html = client.get(ENROL).content.decode()
    assert re.search(r'<div class="two-factor-qr"><svg[^>]*>.*<path', html, re.S)
    assert "<img" not in html.split('class="two-factor-qr"')[1].split("</div>")[0]
    secret = _enrol_page_secret(html)
    assert not TwoFactor.objects.get(user=unenrolled_chief).confirmed_at  # not on before a code

    wrong = client.post(ENROL, {"code": "000000" if otp.code_at(secret, otp.current_step()) != "000000" else "111111"})
    assert "That code is not right" in wrong.content.decode()
    assert _enrol_page_secret(wrong.content.decode()) == secret  # the same key, to try again
    assert client.get("/admin/")["Location"].startswith(ENROL)

    done = client.post(ENROL, {"code": otp.code_at(secret, otp.current_step()), "next": "/admin/content/article/"})
    html = done.content.decode()
    codes = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", html)
    assert len(codes) == 10 and 'href="/admin/content/article/"' in html
    assert TwoFactor.objects.get(user=unenrolled_chief).confirmed_at
    assert client.get("/admin/").status_code == 200

    # Never shown again: not the key, not the QR code, not the recovery codes.
    again = client.get(ENROL).content.decode()
    assert secret not in again.replace(" ", "") and "two-factor-qr" not in again
    assert not any(code in again for code in codes) and "10 unused recovery codes" in again


def test_the_database_holds_neither_the_secret_nor_the_recovery_codes(client, chief):
    authenticator = two_factor_on(staff("other", "Journalists"))
    row = TwoFactor.objects.get(user__username="other")
    assert authenticator.secret not in row.encrypted_secret
    digests = list(RecoveryCode.objects.filter(user__username="other").values_list("digest", flat=True))
    assert not set(authenticator.recovery_codes) & set(digests)
    assert all(code not in digest for code in authenticator.recovery_codes for digest in digests)


def test_with_two_factor_on_the_password_alone_does_not_sign_in(client, editor):
    authenticator = two_factor_on(editor)
    response = sign_in(client, "editor")
    assert response.status_code == 302 and response["Location"] == CODE
    assert not response.wsgi_request.user.is_authenticated
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.get(CODE).status_code == 200

    wrong = client.post(CODE, {"code": "12345"})
    assert "not right" in wrong.content.decode()
    assert SignInAttempt.objects.filter(outcome=SignInAttempt.Outcome.WRONG_CODE).count() == 1

    good = client.post(CODE, {"code": authenticator.code()})
    assert good.status_code == 302 and good["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert SignInAttempt.objects.filter(outcome=SignInAttempt.Outcome.SIGNED_IN, user=editor).exists()


def test_a_code_signs_in_once_and_a_recovery_code_once(client, editor):
    authenticator = two_factor_on(editor)
    code = authenticator.code()
    sign_in(client, "editor")
    assert client.post(CODE, {"code": code}).status_code == 302
    client.post("/admin/logout/")

    sign_in(client, "editor")
    replay = client.post(CODE, {"code": code})
    assert replay.status_code == 200 and "used already" in replay.content.decode()

    recovery = authenticator.recovery_codes[3]
    assert client.post(CODE, {"code": recovery.upper().replace("-", " ")}).status_code == 302
    client.post("/admin/logout/")
    sign_in(client, "editor")
    assert client.post(CODE, {"code": recovery}).status_code == 200
    assert RecoveryCode.objects.filter(user=editor, used_at=None).count() == 9


def test_guessing_codes_is_throttled_like_passwords(client, editor):
    authenticator = two_factor_on(editor)
    sign_in(client, "editor")
    for n in range(5):
        assert client.post(CODE, {"code": f"{n:06d}"}).status_code == 200
    refused = client.post(CODE, {"code": authenticator.code()})
    assert refused.status_code == 429 and "Too many failed sign-ins" in refused.content.decode()
    assert not refused.wsgi_request.user.is_authenticated


def test_a_pending_sign_in_lasts_five_minutes(client, editor, monkeypatch):
    authenticator = two_factor_on(editor)
    sign_in(client, "editor")
    later = time.time() + views.PENDING_SECONDS + 1
    monkeypatch.setattr(views.time, "time", lambda: later)
    response = client.post(CODE, {"code": authenticator.code()}, follow=True)
    assert "Signing in took too long" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_a_journalist_may_turn_it_on_and_off_but_a_chief_editor_may_not_turn_it_off(client, journalist, chief):
    client.force_login(journalist)
    secret = _enrol_page_secret(client.get(ENROL).content.decode())
    client.post(ENROL, {"code": otp.code_at(secret, otp.current_step())})
    assert TwoFactor.objects.get(user=journalist).confirmed_at
    off = client.post(ENROL, {"action": "off", "code": otp.code_at(secret, otp.current_step() + 1)})
    assert off.status_code == 302 and not TwoFactor.objects.filter(user=journalist).exists()

    client.force_login(chief)
    assert "Turn two-factor sign-in off" not in client.get(ENROL).content.decode()
    assert client.post(ENROL, {"action": "off", "code": "123456"}).status_code == 403
    assert TwoFactor.objects.filter(user=chief, confirmed_at__isnull=False).exists()


def test_new_recovery_codes_replace_the_old_ones(client, editor):
    authenticator = two_factor_on(editor)
    client.force_login(editor)
    html = client.post(ENROL, {"action": "renew", "code": authenticator.code()}).content.decode()
    fresh = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", html)
    assert len(fresh) == 10 and not set(fresh) & set(authenticator.recovery_codes)
    client.post("/admin/logout/")
    sign_in(client, "editor")
    assert client.post(CODE, {"code": authenticator.recovery_codes[0]}).status_code == 200
    assert client.post(CODE, {"code": fresh[0]}).status_code == 302


@pytest.mark.parametrize("code", ["١٢٣٤٥٦", "12 34 56 78", "x" * 21, "", "<script>", "１２３４５６"])
def test_a_strange_code_gets_a_form_error_not_a_500(client, editor, code):
    two_factor_on(editor)
    sign_in(client, "editor")
    response = client.post(CODE, {"code": code})
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    client.force_login(editor)
    assert client.post(ENROL, {"action": "renew", "code": code}).status_code == 200
