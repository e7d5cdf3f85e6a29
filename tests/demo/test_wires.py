"""The demo's wires: the feed it serves itself, polled by the worker as any wire, and the
drop folder it fills with files in the IPTC formats (and IPTC's own samples, when the
shared folder is beside the checkout)."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.utils.html import escape

from newsdesk.demo import wires as demo
from newsdesk.newsroom import roles
from newsdesk.wires.detect import parse
from newsdesk.wires.drop_folder import drop_folder_read
from newsdesk.wires.models import WireItem, WireSource
from newsdesk.wires.ninjs import ninjs_version, schema_problems
from newsdesk.wires.polling import wires_poll_due
from tests.newsroom.conftest import roles_create, staff

# The start of a five-minute slot (and of a ten-minute one).
SLOT_START = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
OWN_TITLES = {
    "Экспорт зерна через порт Актау вырос на четверть",
    "Алматы метросында жаңа екі бекет ашылады",
    "New ferry line links Kuryk and Baku",
    "Wind farm near Yereymentau reaches full capacity",
    "В Шымкенте открылась новая городская библиотека",
}


def _guids(moment: datetime) -> list[str]:
    return [item.guid for item in parse(demo.feed_document(moment)).items]


def test_the_feed_is_rss_in_three_languages_marked_as_demo(db, client):
    answer = client.get("/demo/wire.xml")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/rss+xml")
    feed = parse(answer.content, content_type=answer["Content-Type"])
    assert feed.format == "rss" and feed.problems == ()
    assert len(feed.items) == demo.SLOTS_LISTED + 1  # the newest slots' releases and the briefing
    assert {item.language for item in feed.items} == {"en", "ru", "kk"}
    assert "demo" in feed.items[0].source_name.lower()
    for item in feed.items:
        assert item.title and item.lead and item.problems == ()
        assert "Newsdesk" in item.body_html  # each text says it was written for the demo
        assert item.licence == demo.LICENCE


def test_each_slot_has_its_release_and_the_briefing_changes_every_ten_minutes():
    first = _guids(SLOT_START)
    assert first == _guids(SLOT_START + timedelta(minutes=4, seconds=59))  # stable within the slot
    later = _guids(SLOT_START + timedelta(minutes=5))
    # A new release on top; the oldest leaves the feed; the briefing keeps its id.
    assert later[0] == first[0] == demo.BRIEFING_GUID
    assert later[1] not in first and later[2:] == first[1:-1]
    # Release texts come round again with a new id and a text of their own (not folded into the old one).
    slot = int(SLOT_START.timestamp()) // demo.SLOT_SECONDS
    again = parse(demo.feed_document(SLOT_START + timedelta(seconds=demo.SLOT_SECONDS * len(demo.RELEASES))))
    old = parse(demo.feed_document(SLOT_START)).items[1]
    assert again.items[1].title == old.title and again.items[1].guid == f"urn:newsdesk-demo:mfa:release:{slot + 6}"
    assert again.items[1].body_html != old.body_html

    def briefing(moment: datetime) -> str:
        return parse(demo.feed_document(moment)).items[0].body_html

    assert briefing(SLOT_START) == briefing(SLOT_START + timedelta(minutes=9))
    assert briefing(SLOT_START) != briefing(SLOT_START + timedelta(minutes=10))


def test_the_feed_answers_304_to_the_version_the_poller_has(db, client):
    first = client.get("/demo/wire.xml")
    etag = first["ETag"]
    assert etag.startswith('"') and "no-cache" in first["Cache-Control"]
    again = client.get("/demo/wire.xml", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and again.content == b""
    assert client.get("/demo/wire.xml", HTTP_IF_NONE_MATCH='"older"').status_code == 200


@pytest.fixture
def no_shared(monkeypatch, tmp_path):
    """No IPTC samples beside the checkout: the drop folder holds the demo's own files only."""
    monkeypatch.setenv("NEWSDESK_SHARED_DIR", str(tmp_path / "no-shared-folder"))


def test_the_worker_polls_the_demo_feed_into_the_incoming_desk(
    transactional_db, live_server, client, settings, no_shared
):
    settings.SITE_URL = live_server.url
    settings.WIRES = settings.WIRES | {"ALLOW_PRIVATE": True, "TIMEOUT": 5.0}
    feed_wire, _drop = demo.create_demo_wires()
    assert feed_wire.feeds.get().url == live_server.url + "/demo/wire.xml" and feed_wire.poll_minutes == 1

    [polled] = wires_poll_due()
    assert polled.error == "" and polled.stored.new == demo.SLOTS_LISTED + 1
    assert {item.language for item in WireItem.objects.filter(wire=feed_wire)} == {"en", "ru", "kk"}
    feed_wire.refresh_from_db()
    assert feed_wire.last_success_at and feed_wire.feeds.get().etag

    # A minute later the server says nothing changed (or, across a slot's start, gives the new release).
    WireSource.objects.filter(pk=feed_wire.pk).update(next_poll_at=feed_wire.next_poll_at - timedelta(minutes=1))
    [again] = wires_poll_due()
    assert again.error == "" and again.stored.new <= 1

    roles_create()
    client.force_login(staff("journalist", roles.JOURNALIST))
    page = client.get("/admin/wires/wireitem/").content.decode()
    assert escape(demo.BRIEFING_TITLE) in page
    assert sum(escape(release.title) in page for release in demo.RELEASES) >= demo.SLOTS_LISTED - 1


def test_the_drop_folder_is_read_at_the_first_pass(db, settings, no_shared, tmp_path):
    _feed, drop = demo.create_demo_wires()
    folder = tmp_path / "wires" / demo.DROP_FOLDER
    assert sorted(p.name for p in folder.iterdir()) == sorted(demo.demo_drop_files(SLOT_START))
    stored = drop_folder_read(drop)
    assert stored.new == len(OWN_TITLES)
    items = WireItem.objects.filter(wire=drop)
    assert {item.title for item in items} == OWN_TITLES
    assert {item.language for item in items} == {"en", "ru", "kk"}
    assert all("Newsdesk" in item.body for item in items)
    assert sorted(p.name for p in (folder / ".done").iterdir()) == sorted(demo.demo_drop_files(SLOT_START))
    drop.refresh_from_db()
    assert drop.last_error == "" and drop.last_success_at

    # Loaded again: the wires are made afresh, their items with them, and the files read again.
    _feed, drop = demo.create_demo_wires()
    assert WireSource.objects.filter(name__in=[demo.FEED_WIRE, demo.DROP_WIRE]).count() == 2
    assert not WireItem.objects.exists()
    assert drop_folder_read(drop).new == len(OWN_TITLES)


def test_the_demo_files_are_valid_ninjs_and_newsml(shared_dir):
    from lxml import etree

    files = demo.demo_drop_files(SLOT_START)
    ninjs = shared_dir / "wires" / "ninjs"
    for name, version, schema_file in (
        ("demo-ninjs-2.json", "2", "ninjs-schema_2.1.json"),
        ("demo-ninjs-3.json", "3", "ninjs-schema_3.1.json"),
    ):
        item = json.loads(files[name])
        assert ninjs_version(item) == version
        assert schema_problems(item, json.loads((ninjs / schema_file).read_text()), version) == []
    xsd = etree.XMLSchema(etree.parse(shared_dir / "wires" / "newsml-g2" / "NewsML-G2_2.35-spec-All-Power.xsd"))
    for name in ("demo-newsml-item.xml", "demo-newsml-message.xml"):
        assert xsd.validate(etree.fromstring(files[name])), xsd.error_log


def test_the_iptc_samples_are_copied_into_the_drop_folder_and_read(db, shared_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSDESK_SHARED_DIR", str(shared_dir))
    _feed, drop = demo.create_demo_wires()
    folder = tmp_path / "wires" / demo.DROP_FOLDER
    copied = {p.name for p in folder.iterdir()} - set(demo.demo_drop_files(SLOT_START))
    assert "3.0_dpa_text.json" in copied and "LISTING_1_A_NewsML-G2_News_Item.xml" in copied
    assert not any(name.startswith("ninjs-schema") or name.endswith(".xsd") for name in copied)

    drop_folder_read(drop)
    titles = set(WireItem.objects.filter(wire=drop).values_list("title", flat=True))
    assert titles >= OWN_TITLES | {
        "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?",
        "Google har kjøpt giganttomt i Skien",
        'Fed to halt QE to avert "bubble"',
    }
    assert not (folder / ".failed").exists()  # every sample read (those without text leave no item)
    assert {p.name for p in (folder / ".done").iterdir()} >= copied
