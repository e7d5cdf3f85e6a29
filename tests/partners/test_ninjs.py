"""Every item the API writes is valid IPTC ninjs 3.1, checked against the official schema
(read from the shared wires folder, never copied here)."""

import json
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import jsonschema
import pytest
from django.utils import timezone

from newsdesk.newsroom import services as workflow

FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    # RFC 3339: a date, a time and an offset (or Z); fromisoformat reads all of it.
    return not isinstance(value, str) or (
        "T" in value and datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None
    )


@FORMATS.checks("uri", raises=ValueError)
def _uri(value: object) -> bool:
    return not isinstance(value, str) or (bool(urlsplit(value).scheme) and " " not in value)


@pytest.fixture(scope="module")
def ninjs(shared_dir):
    schema = json.loads((shared_dir / "wires" / "ninjs" / "ninjs-schema_3.1.json").read_text())
    return jsonschema.Draft202012Validator(schema, format_checker=FORMATS)


def valid(validator, item: dict) -> None:
    errors = sorted(validator.iter_errors(item), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_the_validator_catches_a_wrong_item(ninjs):
    with pytest.raises(AssertionError):
        valid(ninjs, {"uri": "urn:x", "pubStatus": "published"})
    with pytest.raises(AssertionError):
        valid(ninjs, {"uri": "urn:x", "versionCreated": "yesterday"})
    with pytest.raises(AssertionError):
        valid(ninjs, {"uri": "urn:x", "links": []})


def test_every_item_of_a_full_story_is_valid(api, ninjs, make_story, make_article, django_capture_on_commit_callbacks):
    story = make_story()  # photo with renditions, two bylines, tag, source, correction
    kk = make_story("Астанада саммит өтті", language="kk", tag_slug="sammit", tag_name="Саммит")
    make_article("Under embargo", embargo_until=timezone.now() + timedelta(hours=1))
    api("/items")  # partners have seen it published
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_withdraw(article=story, by=None, reason="Legal")
    written = []
    for path in ["/items", "/changes", f"/items/{kk.pk}", f"/items/{story.pk}?version=1"]:
        body = api(path).json()
        written += body.get("items", []) + [c["item"] for c in body.get("changes", [])]
        if "uri" in body:
            written.append(body)
    assert {item["pubStatus"] for item in written} == {"usable", "canceled"}
    assert {item["language"] for item in written} >= {"en", "kk", "kk-Latn"}
    for item in written:
        valid(ninjs, item)


def test_the_photo_carries_its_renditions_caption_and_credit(api, make_story):
    make_story()
    [item] = api("/items", edition="en").json()["items"]
    photo = next(a for a in item["associations"] if a["rel"] == "featureimage")
    assert photo["by"] == "Akorda press service"
    assert photo["descriptions"][0] == {"role": "caption", "value": "Delegates arrive at the Palace of Independence"}
    widths = {(r["contentType"], r["width"]) for r in photo["renditions"] if r["name"] != "original"}
    assert ("image/jpeg", 1280) in widths and ("image/avif", 320) in widths
    assert all(r["href"].startswith("https://news.example.kz/") for r in photo["renditions"])
    assert item["people"][0]["rel"] == "author" and item["by"] == "Aigerim Sadykova, Daniyar Ospanov"
    assert item["edNote"].startswith("Correction (")
    assert item["infoSources"][0] == {"name": "Qazinform News Agency", "role": "source", "uri": "https://qazinform.com"}
    html = next(b for b in item["bodies"] if b["contentType"] == "text/html")["value"]
    assert 'src="https://news.example.kz/media/photos/x.jpg"' in html
    plain = next(b for b in item["bodies"] if b["contentType"] == "text/plain")
    assert plain["value"] == "The summit opened." and plain["wordCount"] == 3


def test_an_embed_reaches_partners_as_its_plain_link(api, make_story):
    make_story(body="<p>The summit opened.</p><p>https://t.me/durov/142</p>")
    [item] = api("/items", edition="en").json()["items"]
    html = next(b for b in item["bodies"] if b["contentType"] == "text/html")["value"]
    assert html == (
        '<p>The summit opened.</p><p><a href="https://t.me/durov/142" rel="noopener noreferrer nofollow">'
        "https://t.me/durov/142</a></p>"
    )
    plain = next(b for b in item["bodies"] if b["contentType"] == "text/plain")
    assert plain["value"] == "The summit opened.\n\nhttps://t.me/durov/142"
