"""A journalist's single file into the Incoming desk: read as its wire would deliver it;
a file that is no wire, too large or sent to an unknown wire is a form error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsdesk.content.models import Source
from newsdesk.wires.models import WireItem, WireSource
from tests.wires.conftest import rss

URL = "/admin/wires/wireitem/upload/"


@pytest.fixture
def wire(db) -> WireSource:
    mfa = Source.objects.create(name_en="Ministry of Foreign Affairs")
    return WireSource.objects.create(source=mfa, name="MFA", language="en")


def _upload(client, wire_id, content: bytes, name: str = "release.xml"):
    return client.post(URL, {"wire": str(wire_id), "file": SimpleUploadedFile(name, content)})


def test_a_journalist_uploads_a_file_and_its_items_arrive(client, journalist, wire, shared_dir):
    client.force_login(journalist)
    assert "Upload a wire" in client.get("/admin/wires/wireitem/").content.decode()
    assert client.get(URL).status_code == 200
    answer = _upload(client, wire.pk, rss(("mfa-7", "Minister meets WHO", "Talks on healthcare.")))
    assert answer.status_code == 302 and answer["Location"].endswith(f"?wire__id__exact={wire.pk}")
    item = WireItem.objects.get()
    assert (item.wire, item.title) == (wire, "Minister meets WHO")
    followed = client.get(answer["Location"]).content.decode()
    assert "1 new item" in followed and "Minister meets WHO" in followed
    sample = (shared_dir / "wires" / "newsml-g2" / "LISTING_2_NewsML-G2_Text_Document.xml").read_bytes()
    assert _upload(client, wire.pk, sample, "fed.xml").status_code == 302
    assert WireItem.objects.filter(guid="urn:newsml:acmenews.com:20161121:US-FINANCE-FED").exists()
    again = client.get(_upload(client, wire.pk, sample, "fed.xml")["Location"]).content.decode()
    assert "had every item in it already" in again and WireItem.objects.count() == 2


@pytest.mark.parametrize(
    "content",
    [b"<!doctype html><html><body>Not a feed</body></html>", b"", b"\xff\xfe\x00garbage", b'<?xml version="1.0"?><a>'],
)
def test_a_file_that_is_no_wire_is_a_form_error(client, journalist, wire, content):
    client.force_login(journalist)
    answer = _upload(client, wire.pk, content)
    assert answer.status_code == 200 and 'class="errorlist' in answer.content.decode()
    assert not WireItem.objects.exists()


def test_a_file_over_the_size_cap_is_refused(client, journalist, wire, settings):
    settings.WIRES = settings.WIRES | {"MAX_BYTES": 1000}
    client.force_login(journalist)
    answer = _upload(client, wire.pk, rss(("big", "Big", "x" * 2000)))
    assert answer.status_code == 200 and "larger than" in answer.content.decode()
    assert not WireItem.objects.exists()


@pytest.mark.parametrize("wire_id", ["999999", "abc", "", "1 OR 1=1"])
def test_an_unknown_or_inactive_wire_is_a_form_error(client, journalist, wire, wire_id):
    client.force_login(journalist)
    assert _upload(client, wire_id, rss(("a", "A", "B"))).status_code == 200
    WireSource.objects.filter(pk=wire.pk).update(is_active=False)
    assert _upload(client, wire.pk, rss(("a", "A", "B"))).status_code == 200
    assert not WireItem.objects.exists()


def test_only_the_newsroom_uploads(client, wire, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", password="a long password here", is_staff=True)
    client.force_login(outsider)
    assert client.get(URL).status_code == 403
    assert _upload(client, wire.pk, rss(("a", "A", "B"))).status_code == 403
    assert not WireItem.objects.exists()
    client.logout()
    assert _upload(client, wire.pk, rss(("a", "A", "B"))).status_code == 302  # to the sign-in page
    assert not WireItem.objects.exists()
