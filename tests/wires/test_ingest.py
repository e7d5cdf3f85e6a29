"""Items into the Incoming desk: stored sanitised, updated by version, folded when the same
text comes from another wire, forgotten when nobody took them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.content.models import Source
from newsdesk.wires.detect import parse
from newsdesk.wires.ingest import items_forget, items_store, text_hash
from newsdesk.wires.models import WireItem, WireItemVersion, WireSource, WireTake
from tests.wires.conftest import rss


@pytest.fixture
def wire(mfa) -> WireSource:
    return WireSource.objects.create(source=mfa, name="MFA", licence="Free to reprint with attribution.")


@pytest.fixture
def agency_wire(db) -> WireSource:
    qazinform = Source.objects.create(name_en="Qazinform News Agency")
    return WireSource.objects.create(source=qazinform, name="Qazinform English", language="en")


def store(wire: WireSource, *items: tuple[str, str, str]):
    return items_store(wire=wire, parsed=parse(rss(*items)))


def test_new_items_are_stored_with_their_text_made_safe(wire):
    stored = store(
        wire, ("mfa-1", "Minister meets WHO", "&lt;p&gt;Talks in Astana.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;")
    )
    assert (stored.new, stored.updated) == (1, 0)
    item = WireItem.objects.get()
    assert item.title == "Minister meets WHO" and item.language == "en"
    assert "Talks in Astana." in item.body and "<script" not in item.body
    assert item.licence == "Free to reprint with attribution."  # the wire's, as the item names none
    assert item.versions.count() == 1


def test_a_newer_version_replaces_the_item_and_keeps_the_old_text(wire):
    store(wire, ("mfa-1", "Minister meets WHO", "Talks in Astana."))
    again = store(wire, ("mfa-1", "Minister meets WHO", "Talks in Astana."))
    assert (again.new, again.updated, again.unchanged) == (0, 0, 1)
    changed = store(wire, ("mfa-1", "Minister meets WHO officials", "Talks in Astana ended."))
    assert changed.updated == 1
    item = WireItem.objects.get()
    assert item.is_updated and item.title == "Minister meets WHO officials"
    assert list(WireItemVersion.objects.filter(item=item).values_list("number", "title")) == [
        (1, "Minister meets WHO"),
        (2, "Minister meets WHO officials"),
    ]


def test_a_feed_read_again_unchanged_writes_nothing(wire, agency_wire):
    """Most of a feed is the same at every poll: one read tells, and no transaction is
    opened for it (on SQLite each takes the write lock the view counts' flush needs)."""
    items = [(f"mfa-{n}", f"Minister meets delegation {n}", f"Talks in Astana, round {n}.") for n in range(5)]
    store(wire, *items)
    store(agency_wire, ("qaz-1", "Minister meets delegation 0", "Talks in Astana, round 0."))  # folded in
    with CaptureQueriesContext(connection) as queries:
        again = store(wire, *items)
        folded_again = store(agency_wire, ("qaz-1", "Minister meets delegation 0", "Talks in Astana, round 0."))
    assert (again.unchanged, folded_again.unchanged) == (5, 1)
    assert len(queries) == 2, [query["sql"] for query in queries]  # one read per feed
    # A changed item among unchanged ones is still written.
    assert store(wire, *items[:4], ("mfa-4", "Minister meets delegation 4", "Talks ended.")).updated == 1


def test_the_same_release_from_two_wires_shows_once_with_both(wire, agency_wire):
    store(wire, ("mfa-1", "Minister meets WHO", "Talks in Astana."))
    folded = store(agency_wire, ("qaz-77", "Minister  meets WHO", "<p>Talks in ASTANA.</p>"))
    assert folded.folded == 1
    item = WireItem.objects.get()
    assert {key.wire for key in item.keys.all()} == {wire, agency_wire}
    # The second wire's later version updates the same item.
    assert store(agency_wire, ("qaz-77", "Minister meets WHO", "Talks in Astana ended.")).updated == 1
    assert WireItem.objects.count() == 1 and WireItem.objects.get().versions_count == 2


def test_the_texts_hash_ignores_markup_case_and_spacing():
    assert text_hash(title="A  b", body="<p>Talks.</p>") == text_hash(title="a b", body="talks.")
    assert text_hash(title="A b", body="Talks.") != text_hash(title="A b", body="Walks.")


def test_an_item_with_neither_title_nor_text_is_left_out(wire):
    stored = store(wire, ("mfa-9", "", ""), ("mfa-10", "", "Only a text, no title at all here."))
    assert stored.new == 1
    assert WireItem.objects.get().title.startswith("Only a text")


def test_items_nobody_took_are_forgotten_after_the_retention(wire, make_article):
    store(wire, ("old", "Old release", "Old."), ("taken", "Taken release", "Taken."), ("new", "New release", "New."))
    past = timezone.now() - timedelta(days=31)
    WireItem.objects.exclude(guid="new").update(changed_at=past)
    story = make_article("Taken release", ago=None)
    WireTake.objects.create(article=story, item=WireItem.objects.get(guid="taken"), version_number=1)
    assert items_forget() == 1
    assert set(WireItem.objects.values_list("guid", flat=True)) == {"taken", "new"}
