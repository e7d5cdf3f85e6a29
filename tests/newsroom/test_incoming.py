"""The Incoming desk through HTTP as staff use it: chief editors register wires, everyone
in the newsroom reads what came in and takes an item into a draft in one click."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Article, Source
from newsdesk.wires.detect import parse
from newsdesk.wires.ingest import items_store
from newsdesk.wires.models import WireItem, WireSource, WireTake

RELEASE = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>MFA</title>
<link>https://mfa.example.kz/</link><language>ru</language><copyright>Free with attribution</copyright>
<item><guid>mfa-1</guid><title>Ержан Ашикбаев встретился с представителями ВОЗ</title>
<link>https://mfa.example.kz/press/1</link>
<description>Стороны обсудили сотрудничество в сфере здравоохранения.</description>
<pubDate>Thu, 11 Dec 2025 15:30:00 +0000</pubDate></item></channel></rss>""".encode()


@pytest.fixture
def wire(db) -> WireSource:
    mfa = Source.objects.create(name_en="Ministry of Foreign Affairs", name_ru="МИД Республики Казахстан")
    return WireSource.objects.create(source=mfa, name="МИД РК", language="ru")


@pytest.fixture
def item(wire) -> WireItem:
    items_store(wire=wire, parsed=parse(RELEASE))
    return WireItem.objects.get()


def _wire_form(source: Source, url: str) -> dict[str, str]:
    return {
        "name": "Akorda", "source": str(source.pk), "format": "detect", "language": "ru", "licence": "",
        "is_active": "on", "poll_minutes": "5", "drop_folder": "",
        "feeds-TOTAL_FORMS": "1", "feeds-INITIAL_FORMS": "0", "feeds-MIN_NUM_FORMS": "0", "feeds-MAX_NUM_FORMS": "1000",
        "feeds-0-url": url,
    }  # fmt: skip


def test_a_chief_editor_registers_a_wire_and_bad_addresses_are_refused(client, chief, wire):
    client.force_login(chief)
    refused = client.post("/admin/wires/wiresource/add/", _wire_form(wire.source, "http://169.254.169.254/latest/"))
    assert refused.status_code == 200 and "This address cannot be read" in refused.content.decode()
    refused = client.post("/admin/wires/wiresource/add/", _wire_form(wire.source, "file:///etc/passwd"))
    assert refused.status_code == 200 and not WireSource.objects.filter(name="Akorda").exists()
    made = client.post("/admin/wires/wiresource/add/", _wire_form(wire.source, "https://akorda.example.kz/rss"))
    assert made.status_code == 302
    assert WireSource.objects.get(name="Akorda").feeds.get().url == "https://akorda.example.kz/rss"
    page = client.get("/admin/wires/wiresource/").content.decode()
    assert "Akorda" in page


def test_journalists_read_the_desk_but_do_not_register_wires(client, journalist, item):
    client.force_login(journalist)
    assert client.get("/admin/wires/wiresource/add/").status_code == 403
    listing = client.get("/admin/wires/wireitem/").content.decode()
    assert item.title in listing
    assert item.title in client.get("/admin/wires/wireitem/", {"language__exact": "ru"}).content.decode()
    assert item.title not in client.get("/admin/wires/wireitem/", {"language__exact": "en"}).content.decode()
    page = client.get(f"/admin/wires/wireitem/{item.pk}/change/").content.decode()
    assert "Стороны обсудили сотрудничество" in page and "https://mfa.example.kz/press/1" in page


def test_take_makes_a_draft_with_the_attribution_link_and_licence(client, journalist, item, section):
    client.force_login(journalist)
    answer = client.post(f"/admin/wires/wireitem/{item.pk}/take/", {"language": "ru", "section": section.pk})
    draft = Article.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/admin/content/article/{draft.pk}/change/"
    assert (draft.status, draft.language, draft.title) == (Article.Status.DRAFT, "ru", item.title)
    assert draft.source == item.wire.source and draft.created_by == journalist
    assert "сотрудничество в сфере здравоохранения" in draft.body
    take = WireTake.objects.get(article=draft)
    assert (take.original_url, take.licence, take.version_number) == (item.url, "Free with attribution", 1)
    assert draft.revisions.count() == 1  # its history starts at the take
    page = client.get(f"/admin/wires/wireitem/{item.pk}/change/").content.decode()
    assert f"/admin/content/article/{draft.pk}/change/" in page


def test_take_as_a_translation_into_another_edition(client, journalist, item, section):
    client.force_login(journalist)
    client.post(f"/admin/wires/wireitem/{item.pk}/take/", {"language": "kk", "section": section.pk})
    assert Article.objects.get().language == "kk"


@pytest.mark.parametrize("post", [{"language": "xx"}, {"language": "ru", "section": "999999"}, {"section": "abc"}, {}])
def test_nonsense_in_the_take_form_makes_no_draft(client, journalist, item, section, post):
    client.force_login(journalist)
    answer = client.post(f"/admin/wires/wireitem/{item.pk}/take/", post)
    assert answer.status_code == 200 and not Article.objects.exists()


def test_only_the_newsroom_takes(client, item, section, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", password="a long password here", is_staff=True)
    client.force_login(outsider)
    taken = client.post(f"/admin/wires/wireitem/{item.pk}/take/", {"language": "ru", "section": section.pk})
    assert taken.status_code == 403
    assert client.get(f"/admin/wires/wireitem/{item.pk}/change/").status_code == 403
    assert not Article.objects.exists()


def test_an_unknown_item_is_404(client, journalist, db):
    client.force_login(journalist)
    assert client.get("/admin/wires/wireitem/999/change/").status_code == 404
    assert client.post("/admin/wires/wireitem/999/take/", {"language": "ru"}).status_code == 404


def test_a_draft_says_when_the_wire_changed_its_source(client, journalist, item, wire, section):
    client.force_login(journalist)
    client.post(f"/admin/wires/wireitem/{item.pk}/take/", {"language": "ru", "section": section.pk})
    draft = Article.objects.get()
    form = client.get(f"/admin/content/article/{draft.pk}/change/").content.decode()
    assert "Taken from a wire" in form and "https://mfa.example.kz/press/1" in form
    assert "The source has changed" not in form
    newer = RELEASE.replace("обсудили сотрудничество".encode(), "обсудили расширение сотрудничества".encode())
    assert items_store(wire=wire, parsed=parse(newer)).updated == 1
    form = client.get(f"/admin/content/article/{draft.pk}/change/").content.decode()
    assert "The source has changed since this story was taken from it." in form
    assert "<ins>" in form and "расширение" in form
    listing = client.get("/admin/wires/wireitem/").content.decode()
    assert 'class="badge">updated' in listing


def test_the_desk_searches_the_items_words(client, journalist, wire):
    other = RELEASE.replace(b"mfa-1", b"mfa-2").replace("ВОЗ".encode(), "ЮНЕСКО".encode())
    other = other.replace("здравоохранения".encode(), "культуры".encode())
    items_store(wire=wire, parsed=parse(RELEASE))
    items_store(wire=wire, parsed=parse(other))
    client.force_login(journalist)
    listing = client.get("/admin/wires/wireitem/", {"q": "здравоохранение"}).content.decode()
    assert "представителями ВОЗ" in listing and "ЮНЕСКО" not in listing
    listing = client.get("/admin/wires/wireitem/", {"q": "Культура"}).content.decode()
    assert "ЮНЕСКО" in listing and "представителями ВОЗ" not in listing
    for text in ['"', "NEAR(", "a" * 10_000, "*", "'; DROP TABLE wires_wireitem; --"]:
        assert client.get("/admin/wires/wireitem/", {"q": text}).status_code == 200
    assert client.get("/admin/wires/wireitem/", {"q": "\x00"}).status_code == 400  # as on every page


def test_an_embargoed_item_says_so_and_its_draft_keeps_the_embargo(client, journalist, wire, section):
    later = timezone.now() + timedelta(hours=3)
    ninjs = {
        "uri": "urn:example:embargo:1", "type": "text", "language": "ru", "headline": "Отчёт министерства",
        "body_text": "Текст отчёта.", "versioncreated": "2026-01-01T10:00:00+00:00",
        "embargoed": later.isoformat(),
    }  # fmt: skip
    items_store(wire=wire, parsed=parse(json.dumps(ninjs).encode()))
    item = WireItem.objects.get()
    assert item.embargoed_until == later
    client.force_login(journalist)
    assert "embargoed until" in client.get("/admin/wires/wireitem/").content.decode()
    assert "Embargoed until" in client.get(f"/admin/wires/wireitem/{item.pk}/change/").content.decode()
    client.post(f"/admin/wires/wireitem/{item.pk}/take/", {"language": "ru", "section": section.pk})
    assert Article.objects.get().embargo_until == item.embargoed_until


def test_a_past_embargo_is_not_carried_into_the_draft(client, journalist, wire, section):
    ninjs = {
        "uri": "urn:example:embargo:2", "type": "text", "language": "ru", "headline": "Старый отчёт",
        "body_text": "Текст.", "embargoed": "2020-01-01T10:00:00+00:00",
    }  # fmt: skip
    items_store(wire=wire, parsed=parse(json.dumps(ninjs).encode()))
    item = WireItem.objects.get()
    client.force_login(journalist)
    assert "embargoed until" not in client.get("/admin/wires/wireitem/").content.decode()
    client.post(f"/admin/wires/wireitem/{item.pk}/take/", {"language": "ru", "section": section.pk})
    assert Article.objects.get().embargo_until is None
