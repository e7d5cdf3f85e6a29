"""Finding 11: guessing passwords is throttled by account and by address, before any hashing."""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.accounts.models import SignInAttempt
from newsdesk.accounts.throttle import signin_refusal
from tests.accounts.conftest import PASSWORD, sign_in

GUESSER = "198.51.100.66"
OFFICE = "203.0.113.7"


def test_fifty_wrong_passwords_are_refused_after_five_and_never_hashed(client, editor, hashes):
    answers = [sign_in(client, "editor", f"guess {n}", address=GUESSER).status_code for n in range(50)]
    assert answers[:5] == [200] * 5  # the form with "wrong password"
    assert answers[5:] == [429] * 45
    assert hashes() == 5, "a throttled attempt must be refused before the password is hashed"
    page = sign_in(client, "editor", PASSWORD, address=GUESSER)
    assert page.status_code == 429 and not page.wsgi_request.user.is_authenticated
    assert "Too many failed sign-ins to this account from your address" in page.content.decode()
    assert "ask a chief editor to lift the lockout" in page.content.decode()


def test_the_lockout_holds_only_the_guessing_address_not_the_editor(client, editor):
    for n in range(10):
        sign_in(client, "editor", f"guess {n}", address=GUESSER)
    assert sign_in(client, "editor", address=GUESSER).status_code == 429
    response = sign_in(client, "editor", address=OFFICE)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_case_or_spaces_in_the_name_do_not_escape_the_count(client, editor):
    for name in ["editor", "Editor", "EDITOR ", " editor", "eDitor"]:
        sign_in(client, name, "wrong", address=GUESSER)
    assert sign_in(client, "Editor", address=GUESSER).status_code == 429


def test_names_that_are_no_account_are_counted_the_same(client, db):
    for n in range(5):
        assert sign_in(client, "nobody", f"guess {n}", address=GUESSER).status_code == 200
    assert sign_in(client, "nobody", "guess", address=GUESSER).status_code == 429


def test_an_address_trying_many_names_is_locked_out_of_all(client, editor, settings):
    limit = settings.STAFF_SIGNIN["ADDRESS_LIMIT"]
    for n in range(limit):
        assert sign_in(client, f"name{n}", "guess", address=GUESSER).status_code == 200
    response = sign_in(client, "editor", PASSWORD, address=GUESSER)
    assert response.status_code == 429
    assert "Too many failed sign-ins from your address" in response.content.decode()
    assert sign_in(client, "editor", address=OFFICE).status_code == 302


def test_guessing_from_many_addresses_slows_the_account_but_not_at_the_editors_known_address(client, editor, settings):
    assert sign_in(client, "editor", address=OFFICE).status_code == 302  # the editor's usual desk
    client.logout()
    for n in range(settings.STAFF_SIGNIN["ACCOUNT_SLOW_AFTER"]):
        assert sign_in(client, "editor", "guess", address=f"198.51.100.{n}").status_code == 200
    slowed = sign_in(client, "editor", "guess", address="198.51.100.200")
    assert slowed.status_code == 429 and "many failed sign-ins lately" in slowed.content.decode()
    assert sign_in(client, "editor", address=OFFICE).status_code == 302
    # A minute after the last failure, the next address may try once more.
    SignInAttempt.objects.update(at=timezone.now() - timedelta(seconds=61))
    assert sign_in(client, "editor", "guess", address="198.51.100.201").status_code == 200
    assert sign_in(client, "editor", "guess", address="198.51.100.202").status_code == 429


def test_a_lockout_ends_when_its_failures_leave_the_window(client, editor, settings):
    for n in range(5):
        sign_in(client, "editor", f"guess {n}", address=GUESSER)
    assert sign_in(client, "editor", address=GUESSER).status_code == 429
    window = settings.STAFF_SIGNIN["WINDOW_MINUTES"]
    SignInAttempt.objects.update(at=timezone.now() - timedelta(minutes=window - 1))
    assert signin_refusal(username="editor", address=GUESSER) is not None
    SignInAttempt.objects.update(at=timezone.now() - timedelta(minutes=window, seconds=1))
    assert signin_refusal(username="editor", address=GUESSER) is None
    assert sign_in(client, "editor", address=GUESSER).status_code == 302


def test_signing_in_wipes_the_slate_for_that_address(client, editor):
    for n in range(4):
        sign_in(client, "editor", f"typo {n}", address=OFFICE)
    assert sign_in(client, "editor", address=OFFICE).status_code == 302
    client.logout()
    for n in range(4):
        assert sign_in(client, "editor", f"typo {n}", address=OFFICE).status_code == 200
    assert sign_in(client, "editor", address=OFFICE).status_code == 302


@pytest.mark.parametrize("behind_proxy", [True, False])
def test_the_address_is_the_one_the_audience_counting_sees(client, editor, settings, behind_proxy):
    settings.NEWSDESK = {**settings.NEWSDESK, "TRUST_X_FORWARDED_FOR": behind_proxy}
    for n in range(5):
        sign_in(client, "editor", f"guess {n}", address="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, {GUESSER}")
    recorded = set(SignInAttempt.objects.values_list("address", flat=True))
    assert recorded == ({GUESSER} if behind_proxy else {"127.0.0.1"})
    # Behind the proxy the guesser is locked whatever it claims earlier in the header;
    # not behind one, a forged header changes nothing.
    forged = sign_in(client, "editor", address="127.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.1, {GUESSER}")
    assert forged.status_code == 429
    other = sign_in(client, "editor", address="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert other.status_code == (302 if behind_proxy else 429)


def test_refusals_are_logged_and_stored_nowhere(client, editor, caplog):
    for n in range(5):
        sign_in(client, "editor", f"guess {n}", address=GUESSER)
    with caplog.at_level(logging.WARNING, logger="newsdesk.accounts"):
        for _ in range(20):
            sign_in(client, "editor", "guess", address=GUESSER)
    assert SignInAttempt.objects.count() == 5  # a flood of refused attempts writes nothing
    refused = [r for r in caplog.records if "sign-in refused (account-address)" in r.getMessage()]
    assert len(refused) == 20 and GUESSER in refused[0].getMessage()


def test_the_refusal_speaks_the_staff_members_language(client, editor):
    for n in range(5):
        sign_in(client, "editor", f"guess {n}", address=GUESSER)
    russian = sign_in(client, "editor", address=GUESSER, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Слишком много неудачных попыток входа" in russian
    kazakh = sign_in(client, "editor", address=GUESSER, HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "бұл есептік жазбаға сәтсіз кіру әрекеттері тым көп" in kazakh
