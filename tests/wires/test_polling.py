"""The worker polls the wires against a local feed server: politely (conditional requests,
each wire's interval, backing off after errors), and every bad feed of the real world is
logged on its wire without stopping the others."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from newsdesk.wires.models import WireItem, WireSource
from newsdesk.wires.polling import wire_poll, wires_poll_due
from tests.wires.conftest import rss

BOMB = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>
<rss version="2.0"><channel><title>&f;</title>
<item><title>&f;</title><description>x</description></item></channel></rss>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title>
<item><guid>1</guid><title>&secret;</title><description>x</description></item></channel></rss>"""
RUSSIAN = "Министр иностранных дел провёл переговоры"


def test_a_wire_is_read_and_asked_again_only_for_what_changed(make_wire, feed_server):
    feed_server.serve("/rss", rss(("mfa-1", "Minister meets WHO", "Talks.")), etag='"v1"')
    wire = make_wire("MFA", "/rss")
    first = wire_poll(wire)
    assert (first.stored.new, first.error) == (1, "")
    second = wire_poll(wire)
    assert second.stored.new == 0 and feed_server.requests[-1][1].get("If-None-Match") == '"v1"'
    wire.refresh_from_db()
    assert wire.failures == 0 and wire.last_success_at is not None
    assert wire.next_poll_at > timezone.now() + timedelta(minutes=4)  # its own interval, 5 minutes


def test_errors_back_off_and_a_success_resets(make_wire, feed_server):
    wire = make_wire("MFA", "/gone", poll_minutes=2)
    for failures, wait in [(1, 4), (2, 8), (3, 16)]:
        polled = wire_poll(wire)
        wire.refresh_from_db()
        assert "answered 404" in polled.error and wire.failures == failures
        assert wire.next_poll_at - wire.last_error_at == timedelta(minutes=wait)
    feed_server.serve("/gone", rss(("mfa-1", "Back", "Again.")))
    wire_poll(wire)
    wire.refresh_from_db()
    assert wire.failures == 0 and wire.last_error  # the last error stays visible, with its time


def _redirect_to_itself(handler) -> None:
    handler.send_response(302)
    handler.send_header("Location", handler.path)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def _huge(handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", str(200 * 1024 * 1024))
    handler.end_headers()
    handler.wfile.write(b"<rss>" + b" " * 65536)


@pytest.mark.parametrize(
    ("serve", "error"),
    [
        (lambda s: s.serve("/f", b"<rss><channel><title>cut off"), "malformed|could not|not well-formed"),
        (lambda s: s.serve("/f", BOMB), "entit"),
        (lambda s: s.routes.__setitem__("/f", _redirect_to_itself), "more than 3 redirects"),
        (lambda s: s.routes.__setitem__("/f", _huge), "allowed"),
        (
            lambda s: s.serve("/f", b"<!doctype html><html><body>Not found</body></html>", content_type="text/html"),
            "HTML",
        ),
        (lambda s: s.slow("/f", 3), "could not be reached|took more than"),
        (lambda s: s.serve("/f", b""), "empty"),
    ],
    ids=["malformed", "xml-bomb", "endless-redirect", "200-mb", "html", "slow", "empty"],
)
def test_a_bad_feed_is_an_error_on_its_wire_never_a_crash(make_wire, feed_server, serve, error, caplog):
    serve(feed_server)
    wire = make_wire("Broken ministry", "/f")
    started = time.monotonic()
    polled = wire_poll(wire)
    assert time.monotonic() - started < 5
    wire.refresh_from_db()
    assert wire.failures == 1, polled
    assert re.search(error, wire.last_error, re.I), wire.last_error
    assert "Broken ministry" in caplog.text  # logged with the wire's name
    assert not WireItem.objects.exists()


def test_an_outside_entity_is_never_read(make_wire, feed_server):
    feed_server.serve("/f", XXE)
    wire_poll(make_wire("MFA", "/f"))
    assert not WireItem.objects.filter(title__contains="root:").exists()


def test_a_wrong_declared_encoding_is_repaired(make_wire, feed_server):
    body = rss(("ru-1", RUSSIAN, "Переговоры прошли в Астане.")).decode().replace("<language>en", "<language>ru")
    feed_server.serve("/f", body.encode("cp1251"), content_type="application/rss+xml; charset=utf-8")
    wire_poll(make_wire("МИД", "/f"))
    assert WireItem.objects.get().title == RUSSIAN


def test_items_without_id_or_date_or_from_the_future_are_kept_sensibly(make_wire, feed_server):
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://mfa.example.kz/</link>'
        "<item><title>No id, no date</title><description>Text one.</description></item>"
        "<item><guid>f</guid><title>From the future</title><description>Text two.</description>"
        "<pubDate>Fri, 01 Jan 2100 10:00:00 +0000</pubDate></item></channel></rss>"
    )
    feed_server.serve("/f", feed.encode())
    wire = make_wire("MFA", "/f")
    wire_poll(wire)
    wire_poll(wire)  # read again: the derived id is the same, nothing doubles
    items = {item.title: item for item in WireItem.objects.all()}
    assert set(items) == {"No id, no date", "From the future"}
    assert items["No id, no date"].published_at is None and items["From the future"].published_at is None


def test_private_addresses_are_refused_unless_the_setting_allows(make_wire, feed_server, settings):
    feed_server.serve("/rss", rss(("mfa-1", "Minister meets WHO", "Talks.")))
    settings.WIRES = settings.WIRES | {"ALLOW_PRIVATE": False}
    polled = wire_poll(make_wire("MFA", "/rss"))
    assert "not a public one" in polled.error and not WireItem.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_one_slow_wire_never_delays_the_others(make_wire, feed_server, settings):
    settings.WIRES = settings.WIRES | {"POLLERS": 4, "TIMEOUT": 3.0}
    feed_server.slow("/slow-1", 1.5)
    feed_server.slow("/slow-2", 1.5)
    feed_server.serve("/fast", rss(("mfa-1", "Minister meets WHO", "Talks.")))
    for name, path in [("Slow one", "/slow-1"), ("Slow two", "/slow-2"), ("Fast", "/fast")]:
        make_wire(name, path)
    WireSource.objects.create(source=WireSource.objects.first().source, name="Without feeds")
    started = time.monotonic()
    polled = wires_poll_due()
    took = time.monotonic() - started
    assert sorted(p.wire for p in polled) == ["Fast", "Slow one", "Slow two"]
    assert took < 2.8  # side by side: not 1.5 + 1.5
    assert WireItem.objects.get().title == "Minister meets WHO"
    assert wires_poll_due() == []  # none is due again before its interval


def test_the_error_on_a_wire_is_written_in_the_agencys_language_whatever_is_active(make_wire, settings):
    wire = make_wire("MFA", "/gone")
    with translation.override("kk"):  # what a request or an earlier job left active
        wire_poll(wire)
    assert wire.last_error.endswith("/gone: the server answered 404")
    settings.LANGUAGE_CODE = "ru"
    wire_poll(wire)
    assert wire.last_error.endswith("/gone: сервер ответил кодом 404")
