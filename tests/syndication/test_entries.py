"""A story as an item: the photo offered, the source, the people."""

from xml.etree import ElementTree

import pytest

from newsdesk.content.models import Byline, Photo, Source
from newsdesk.syndication.feedgen import DC_NS, MEDIA_NS
from tests.conftest import SITE
from tests.syndication.conftest import parsed


def _xml(response) -> ElementTree.Element:
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own output)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_photo_whose_renditions_predate_their_sizes_has_no_enclosure(client, make_story, kind):
    story = make_story()
    renditions = [{k: v for k, v in r.items() if k != "bytes"} for r in story.photo.renditions]
    Photo.objects.filter(pk=story.photo_id).update(renditions=renditions)
    entry = parsed(client.get(f"/en/{kind}.xml")).entries[0]
    assert entry.enclosures == []  # RSS requires a length: none is invented
    [media] = entry.media_content
    assert media["url"].endswith("/1600.jpg") and "filesize" not in media


def test_a_photo_without_renditions_is_offered_as_uploaded(client, make_story):
    story = make_story()
    Photo.objects.filter(pk=story.photo_id).update(renditions=[])
    [media] = parsed(client.get("/en/rss.xml")).entries[0].media_content
    assert media["url"] == f"{SITE}/media/{story.photo.file.name}"
    assert (media["type"], media["width"], media["height"]) == ("image/jpeg", "1600", "900")


def test_a_photo_without_a_caption_is_described_by_its_alternative_text(client, make_story):
    make_story(caption="")
    [description] = _xml(client.get("/en/atom.xml")).iter(f"{{{MEDIA_NS}}}description")
    assert description.text == "Delegates in the hall"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_source_without_an_address_is_named_in_dublin_core(client, make_story, kind):
    make_story(source=Source.objects.create(name_en="Ministry of Health"))
    response = client.get(f"/en/{kind}.xml")
    [named] = _xml(response).iter(f"{{{DC_NS}}}source")
    assert named.text == "Ministry of Health"
    entry = parsed(response).entries[0]
    assert "source" not in entry and not [link for link in entry.links if link.rel == "via"]
    assert "<p>Source: Ministry of Health</p>" in entry.content[0].value


def test_a_story_without_a_byline_is_the_agencys_in_atom_and_nobodys_in_rss(client, make_story):
    make_story(authors=())
    atom = _xml(client.get("/en/atom.xml"))
    ns = "{http://www.w3.org/2005/Atom}"
    assert [a.findtext(f"{ns}name") for a in atom.findall(f"{ns}author")] == ["Kazakhstan Today"]
    assert atom.find(f"{ns}entry").findall(f"{ns}author") == []  # inherits the feed's (RFC 4287 4.2.1)
    assert list(_xml(client.get("/en/rss.xml")).iter(f"{{{DC_NS}}}creator")) == []


def test_a_person_in_two_roles_is_named_once(client, make_story, people):
    story = make_story()
    Byline.objects.create(article=story, author=people[0], role=Byline.Role.TRANSLATED_BY, position=5)
    entry = parsed(client.get("/en/atom.xml")).entries[0]
    assert [author.name for author in entry.authors] == ["Aigerim Sadykova", "Daniyar Ospanov"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_an_embed_reaches_feed_readers_as_its_plain_link(client, make_story, kind):
    make_story(body="<p>The summit opened.</p><p>https://youtu.be/dQw4w9WgXcQ</p><p>It closed.</p>")
    content = parsed(client.get(f"/en/{kind}.xml")).entries[0].content[0].value
    assert (
        '<p>The summit opened.</p><p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" '
        'rel="noopener noreferrer nofollow">https://youtu.be/dQw4w9WgXcQ</a></p><p>It closed.</p>'
    ) in content
    assert "<figure" not in content and "data-" not in content and "<iframe" not in content
    assert "<script" not in content and "youtube-nocookie" not in content
