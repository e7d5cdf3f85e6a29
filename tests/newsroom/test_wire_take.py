"""Every official sample, delivered as a file and taken into a draft: the draft has the
item's title, text and source, the item its time and language (the expectations are
test_samples.py's, written by hand from the files)."""

import pytest

from newsdesk.content.models import Article, Source
from newsdesk.content.text import body_plain_text
from newsdesk.newsroom.wire_take import wire_item_take
from newsdesk.wires.drop_folder import file_store
from newsdesk.wires.models import WireItem, WireSource, WireTake
from tests.wires.test_samples import NEWSML, NINJS

SAMPLES = [("ninjs", name, expected) for name, expected in NINJS.items()]
SAMPLES += [("newsml-g2", name, expected) for name, expected in NEWSML.items()]


def _words(html: str) -> str:
    return " ".join(body_plain_text(html).split())


@pytest.mark.parametrize(("folder", "name", "expected"), SAMPLES, ids=[name for _f, name, _e in SAMPLES])
def test_a_draft_taken_from_each_sample(shared_dir, journalist, section, folder, name, expected):
    agency = Source.objects.create(name_en=expected["source"] or "IPTC")
    wire = WireSource.objects.create(source=agency, name=f"{agency} files", language="en")
    assert file_store(wire=wire, content=(shared_dir / "wires" / folder / name).read_bytes()).new == 1
    item = WireItem.objects.get()
    assert item.published_at == expected["published"]
    assert item.language == (expected["language"] or "en")  # the wire's language when the item names none
    assert item.embargoed_until == expected.get("embargoed_until")
    edition = item.language if item.language in ("en", "ru", "kk") else "en"
    draft = wire_item_take(item=item, by=journalist, language=edition, section=section)
    draft.refresh_from_db()
    assert (draft.status, draft.language) == (Article.Status.DRAFT, edition)
    assert draft.title == expected["title"]
    assert draft.source == agency
    text = _words(draft.body)
    if expected["body"]:
        assert text.startswith(_words(expected["body"]))
    else:  # a lead alone (NTB), or not even that (a photo, the guide's empty item): the lead, else the title
        assert text == " ".join((item.lead or item.title).split())
    assert draft.lead.startswith(expected.get("lead", ""))
    assert "<script" not in draft.body
    take = WireTake.objects.get(article=draft)
    assert take.licence.startswith(expected["licence"])
