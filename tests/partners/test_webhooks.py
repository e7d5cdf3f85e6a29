"""Webhooks as a partner's receiver sees them: signed, once per change, retried, paused,
and never sent anywhere an address must not reach."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from standardwebhooks.webhooks import Webhook as Verifier

from newsdesk.lib import outbound
from newsdesk.newsroom import services as workflow
from newsdesk.partners.models import Delivery, DeliveryAttempt
from newsdesk.partners.models import Webhook as Hook
from newsdesk.partners.sender import deliveries_send, retry_delay
from newsdesk.partners.webhooks import webhook_secret
from tests.partners.receivers import LocalServer


@pytest.fixture
def local_outbound(settings):
    """The test's receivers live on 127.0.0.1: allowed here as a setting allows them."""
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOW_PRIVATE": True, "HTTPS_ONLY": False, "TIMEOUT": 2.0}


@pytest.fixture
def receiver(local_outbound):
    server = LocalServer().start()
    yield server
    server.stop()


@pytest.fixture
def hooked(make_partner, receiver):
    """A partner with a webhook to the local receiver."""
    partner, _key = make_partner(licence="Licensed to the Daily Courier.")
    hook = Hook.objects.create(partner=partner, url=receiver.url + "/hooks/newsdesk", secret=webhook_secret())
    return partner, hook


def publish(make_article, capture, **fields):
    with capture(execute=True):
        return make_article("Parliament passes the budget", **fields)


def test_a_publish_is_posted_signed_with_the_item(hooked, receiver, make_article, django_capture_on_commit_callbacks):
    _partner, hook = hooked
    story = publish(make_article, django_capture_on_commit_callbacks)
    assert receiver.received == []  # nothing is sent inside the editor's request
    assert deliveries_send() == 1
    [got] = receiver.received
    assert got.path == "/hooks/newsdesk"
    Verifier(hook.secret).verify(got.body, got.headers)  # the reference library's check
    payload = got.json()
    assert payload["type"] == "item.published"
    assert payload["data"]["edition"] == "en"
    item = payload["data"]["item"]
    assert item["altIds"][0]["value"] == str(story.pk) and item["usageTerms"] == "Licensed to the Daily Courier."
    assert Delivery.objects.get().status == "sent"
    assert deliveries_send() == 0  # once


def test_a_tampered_body_fails_the_signature(hooked, receiver, make_article, django_capture_on_commit_callbacks):
    from standardwebhooks.exceptions import WebhookVerificationError

    _partner, hook = hooked
    publish(make_article, django_capture_on_commit_callbacks)
    deliveries_send()
    [got] = receiver.received
    with pytest.raises(WebhookVerificationError):
        Verifier(hook.secret).verify(got.body.replace(b"budget", b"BUDGET"), got.headers)
    with pytest.raises(WebhookVerificationError):
        Verifier(webhook_secret()).verify(got.body, got.headers)


def test_corrections_and_withdrawals_follow(hooked, receiver, make_article, django_capture_on_commit_callbacks):
    story = publish(make_article, django_capture_on_commit_callbacks)
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_save(article=story, by=None, correction_note="The vote count was wrong.")
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_withdraw(article=story, by=None, reason="Legal")
    deliveries_send()
    assert [r.json()["type"] for r in receiver.received] == ["item.published", "item.corrected", "item.withdrawn"]
    assert [r.json()["data"]["item"]["version"] for r in receiver.received] == ["1", "2", "3"]
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 3


def test_a_failure_is_retried_later_with_the_same_id(
    hooked, receiver, make_article, django_capture_on_commit_callbacks
):
    answers = iter([(500, b"down"), (200, b"ok")])
    receiver.answer = lambda received: next(answers)
    publish(make_article, django_capture_on_commit_callbacks)
    assert deliveries_send() == 0
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.next_attempt_at - timezone.now() > timedelta(seconds=25)
    attempt = DeliveryAttempt.objects.get()
    assert attempt.status_code == 500 and attempt.error == "down" and attempt.duration_ms >= 0
    assert deliveries_send() == 0  # not due yet
    assert deliveries_send(now=timezone.now() + timedelta(minutes=1)) == 1
    assert Delivery.objects.get().status == "sent"
    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert Hook.objects.get().failing_since is None


def test_the_delay_doubles_up_to_an_hour():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]


def test_a_day_of_failures_gives_up_and_pauses_the_webhook(
    hooked, receiver, make_article, django_capture_on_commit_callbacks
):
    receiver.answer = lambda received: (503, b"")
    publish(make_article, django_capture_on_commit_callbacks)
    day_ago = timezone.now() - timedelta(hours=25)
    Delivery.objects.update(created_at=day_ago)
    Hook.objects.update(failing_since=day_ago)
    deliveries_send()
    assert Delivery.objects.get().status == "failed"
    assert Hook.objects.get().paused_at is not None
    # A paused webhook gets nothing new until a chief editor resumes it.
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Another story")
    assert Delivery.objects.count() == 1


def test_a_slow_partner_times_out_and_never_holds_the_publish(
    hooked, receiver, make_article, django_capture_on_commit_callbacks, settings
):
    settings.OUTBOUND = {**settings.OUTBOUND, "TIMEOUT": 0.3}
    receiver.delay = 1.5
    publish(make_article, django_capture_on_commit_callbacks)  # returns at once: nothing sent yet
    assert deliveries_send() == 0
    attempt = DeliveryAttempt.objects.get()
    assert attempt.status_code is None and "Timeout" in attempt.error


def test_an_embargo_is_kept_for_partners_without_the_right(
    make_partner, receiver, make_article, django_capture_on_commit_callbacks
):
    early, _ = make_partner("Early", sees_embargoed=True)
    late, _ = make_partner("Late")
    for partner in (early, late):
        Hook.objects.create(partner=partner, url=f"{receiver.url}/{partner.name}", secret=webhook_secret())
    publish(make_article, django_capture_on_commit_callbacks, embargo_until=timezone.now() + timedelta(hours=1))
    deliveries_send()
    assert [(r.path, r.json()["type"]) for r in receiver.received] == [("/Early", "item.withheld")]


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://partner.example/hook", "only https"),
        ("https://user:pw@partner.example/hook", "user name"),
        ("https://127.0.0.1/hook", "not a public"),
        ("https://10.1.2.3/hook", "not a public"),
        ("https://169.254.169.254/latest/meta-data", "not a public"),
        ("https://[::1]/hook", "not a public"),
        ("https://[::ffff:127.0.0.1]/hook", "not a public"),
        ("https://[fd00:ec2::254]/hook", "not a public"),
        ("ftp://partner.example/hook", "only https"),
        ("https:///hook", "no host"),
        ("https://partner.example:99999/", "not a valid"),
    ],
)
def test_addresses_that_must_never_be_called(settings, url, problem):
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOW_PRIVATE": False, "HTTPS_ONLY": True}
    assert problem in (outbound.url_problem(url) or "")
    with pytest.raises(outbound.Refused):
        outbound.post(url, body=b"{}", headers={})


def test_a_name_that_resolves_to_a_private_address_is_refused_at_delivery(settings, receiver):
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOW_PRIVATE": False, "HTTPS_ONLY": False}
    url = receiver.url.replace("127.0.0.1", "localhost")
    assert outbound.url_problem(url) is None  # by its form, a name like any other
    with pytest.raises(outbound.Refused, match="not a public address"):
        outbound.post(url, body=b"{}", headers={})
    assert receiver.received == []


def test_the_refusal_is_logged_as_an_attempt(hooked, make_article, django_capture_on_commit_callbacks, settings):
    publish(make_article, django_capture_on_commit_callbacks)
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOW_PRIVATE": False}
    deliveries_send()
    assert DeliveryAttempt.objects.get().error.startswith("refused:")


def test_redirects_are_not_followed(hooked, receiver, make_article, django_capture_on_commit_callbacks):
    receiver.answer = lambda received: (302, b"")
    publish(make_article, django_capture_on_commit_callbacks)
    deliveries_send()
    assert len(receiver.received) == 1 and Delivery.objects.get().status == "pending"


def test_the_payload_is_the_standard_shape(hooked, receiver, make_article, django_capture_on_commit_callbacks):
    publish(make_article, django_capture_on_commit_callbacks)
    deliveries_send()
    payload = json.loads(receiver.received[0].body)
    assert set(payload) == {"type", "timestamp", "data"}
    assert set(payload["data"]) == {"edition", "cursor", "item"}
