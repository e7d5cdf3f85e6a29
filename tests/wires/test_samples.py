"""The official samples (ninjs from dpa, NTB, TT and IPTC; NewsML-G2 from IPTC's guide)
read from the shared wires folder: each item's title, body, time, language and source,
written here by hand from the files."""

import json
from datetime import UTC, datetime, timedelta, timezone

import jsonschema
import pytest

from newsdesk.wires.detect import parse
from newsdesk.wires.ninjs import ninjs_version, schema_problems

CEST = timezone(timedelta(hours=2))
CDT = timezone(timedelta(hours=-5))

NINJS = {
    "2.1_dpa_text.json": dict(
        guid="urn:newsml:dpa.com:20090101:190510-99-167362",
        version="2",
        title="Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?",
        body='<section class="main"><p>Für Lucien Favre war es «der größte Skandal im Fußball',
        published=datetime(2019, 5, 10, 16, 2, 28, tzinfo=CEST),
        language="de",
        source="dpa",
        byline="Von Christian Hollmann, dpa",
        licence="Copyright 2019, dpa (www.dpa.de). Alle Rechte vorbehalten",
    ),
    "2.1_ninjsExSimpleText_2.json": dict(
        guid="http://ninjs.example.com/newsitems/20130709simp123",
        version=None,
        title="Captain of wrecked cruise ship on trial in Italy",
        body="<p>GROSSETO, Italy (AP) -- The trial of the captain",  # the HTML body, not the plain one
        published=datetime(2013, 7, 9, 10, 37, tzinfo=UTC),
        language=None,
        source="",
        byline="Paulo Santalucia and Frances d'Emilio",
        licence="",
    ),
    "2.1_ntb_text.json": dict(
        guid="urn:8d19cf88-b3ab-4972-8fec-1207599f2872",
        version="6",
        title="Google har kjøpt giganttomt i Skien",
        body="",  # NTB's sample has a description and no body
        lead="IT-giganten Google har kjøpt en tomt på nærmere 2.000 mål i Skien",
        published=datetime(2019, 8, 9, 9, 30, 4, tzinfo=UTC),
        updated=datetime(2019, 8, 9, 9, 46, 53, tzinfo=UTC),
        language="nb",
        source="NTB",
        byline="NTB",
        licence="",
    ),
    "2.1_tt_text_image_2.json": dict(
        guid="http://tt.se/media/text/210526-militarovning-a0f2d045",
        version="1",
        title="Militärövning i jätteformat hålls 2023",
        body='<article> <section data-charcount="1751"> <h1>Militärövning i jätteformat hålls 2023</h1>',
        lead="Pandemin satte stopp för den stora internationella militärövningen Aurora 2020",
        published=datetime(2021, 5, 26, 13, 40, 18, tzinfo=CEST),
        language="sv",
        source="TT",
        byline="",
        licence="",
    ),
}
# ninjs 3.0 carries the same stories in camelCase names.
NINJS |= {
    "3.0_dpa_text.json": NINJS["2.1_dpa_text.json"],
    "3.0_ninjsExSimpleText_3.json": NINJS["2.1_ninjsExSimpleText_2.json"],
    "3.0_ntb_text.json": NINJS["2.1_ntb_text.json"],
    "3.0_tt_text_image_3.json": NINJS["2.1_tt_text_image_2.json"]
    | {"body": '<article> <section data-charCount="1751"> <h1>Militärövning i jätteformat hålls 2023</h1>'},
}

NEWSML = {
    "LISTING_1_A_NewsML-G2_News_Item.xml": dict(
        guid="urn:newsml:acmenews.com:20161018:US-FINANCE-FED",
        version="11",
        title='Fed to halt QE to avert "bubble"',
        body="",  # the guide's inlineXML holds only comments
        published=datetime(2016, 10, 18, 13, 12, 21, tzinfo=CDT),
        updated=datetime(2018, 10, 21, 16, 25, 32, tzinfo=CDT),
        language="en",
        source="REUTERS",  # the provider's code; the copyright holder is Example Enews
        byline="Meredith Jameson",
        licence="Copyright 2017-18 Example Enews LLP, all rights reserved\nNot for use outside the United States",
        embargoed_until=datetime(2018, 10, 23, 12, 0, tzinfo=UTC),
        problems=("no text",),
    ),
    "LISTING_2_NewsML-G2_Text_Document.xml": dict(
        guid="urn:newsml:acmenews.com:20161121:US-FINANCE-FED",
        version="11",
        title='Fed to halt QE to avert "bubble"',
        body="<p>(New York, NY - October 21) Et, sent luptat luptat, commy",
        published=datetime(2018, 11, 21, 16, 25, 32, tzinfo=CDT),
        language="en",
        source="Acme News and Media LLC",  # the provider gives only an address
        byline="Meredith Jameson",
        licence="Copyright 2017-18 Acme News and Media LLC",
        problems=(),
    ),
    "LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml": dict(
        guid=None,  # a contentSet alone: the id is derived from the words
        version=None,
        title="Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05p.m.",
        body="<p>(Sports Network) - With the Philadelphia Phillies picking",
        lead="A pair of teams coming off big weekend sweeps will square off Tonight",
        published=None,
        language=None,
        source="",
        byline="Sports Network",
        licence="",
        problems=("a contentSet without its newsItem: only the content was read", "no id", "no date"),
    ),
    "LISTING_3_Photo_in_NewsML-G2.xml": dict(
        guid="tag:gettyimages.com,2010:GYI0062134533",
        version="11",
        title="Variety Of Recessionary Forces Leave Las Vegas Economy Scarred",
        body="",
        published=datetime(2010, 10, 20, 20, 58, tzinfo=UTC),
        updated=datetime(2018, 10, 12, 6, 42, 4, tzinfo=UTC),
        language="en",
        source="Getty Images Inc.",
        byline="Spencer Platt",
        licence="Copyright 2010 Getty Images. -- http://www.gettyimages.com/Corporate/LicenseInfo.aspx\n"
        "Contact your local office for all commercial or promotional uses.",
        problems=("not text (ninat:picture)",),
    ),
}


def _check(item, expected: dict) -> None:
    if expected["guid"] is not None:
        assert item.guid == expected["guid"]
    assert item.version == expected["version"]
    assert item.title == expected["title"]
    assert item.body_html.startswith(expected["body"])
    assert bool(item.body_html) == bool(expected["body"])
    assert item.lead.startswith(expected.get("lead", ""))
    assert item.published_at == expected["published"]
    assert item.updated_at == expected.get("updated", expected["published"])
    for moment in (item.published_at, item.updated_at):
        assert moment is None or moment.tzinfo is not None
    assert item.language == expected["language"]
    assert item.source_name == expected["source"]
    assert item.byline == expected["byline"]
    assert item.licence.startswith(expected["licence"])
    assert item.embargoed_until == expected.get("embargoed_until")


def test_every_sample_is_listed(shared_dir):
    wires = shared_dir / "wires"
    assert {p.name for p in (wires / "ninjs").glob("*_*.json")} - {p for p in NINJS} == {
        "ninjs-schema_2.1.json",
        "ninjs-schema_3.1.json",
    }
    listed = set(NEWSML) | {
        "LISTING_24_News_Message_conveying_a_complete_News_Package.xml",
        "LISTING_29_Hop_History.xml",
    }
    assert {p.name for p in (wires / "newsml-g2").glob("LISTING_*.xml")} == listed


@pytest.fixture(scope="module")
def ninjs_schemas(shared_dir):
    folder = shared_dir / "wires" / "ninjs"
    return {
        "2": json.loads((folder / "ninjs-schema_2.1.json").read_text()),
        "3": json.loads((folder / "ninjs-schema_3.1.json").read_text()),
    }


@pytest.mark.parametrize("name", sorted(NINJS))
def test_a_ninjs_sample(shared_dir, ninjs_schemas, name):
    feed = parse((shared_dir / "wires" / "ninjs" / name).read_bytes(), ninjs_schemas=ninjs_schemas)
    assert feed.format == "ninjs"
    assert feed.format_version == name[0]
    [item] = feed.items
    _check(item, NINJS[name])
    assert item.problems == ()  # valid against its version's schema, nothing repaired
    assert feed.problems == ()


@pytest.mark.parametrize("name", sorted(NINJS))
def test_a_ninjs_sample_is_valid_against_the_schema_its_version_picks(shared_dir, ninjs_schemas, name):
    item = json.loads((shared_dir / "wires" / "ninjs" / name).read_text())
    version = ninjs_version(item)
    assert version == name[0]
    other = "3" if version == "2" else "2"
    jsonschema.Draft202012Validator(ninjs_schemas[version])  # the schema itself is sound
    assert schema_problems(item, ninjs_schemas[version], version) == []
    # The other version's schema refuses it: the choice matters.
    assert schema_problems(item, ninjs_schemas[other], other)


def test_a_ninjs_sample_read_without_the_schemas(shared_dir):
    feed = parse((shared_dir / "wires" / "ninjs" / "3.0_dpa_text.json").read_bytes())
    assert feed.items[0].title == NINJS["3.0_dpa_text.json"]["title"]


@pytest.mark.parametrize("name", sorted(NEWSML))
def test_a_newsml_sample(shared_dir, name):
    feed = parse((shared_dir / "wires" / "newsml-g2" / name).read_bytes())
    assert feed.format == "newsml-g2"
    [item] = feed.items
    _check(item, NEWSML[name])
    assert item.problems == NEWSML[name]["problems"]
    assert feed.problems == ()


def test_a_newsml_contentset_alone_gets_the_same_id_each_time(shared_dir):
    path = shared_dir / "wires" / "newsml-g2" / "LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml"
    first, second = parse(path.read_bytes()).items[0], parse(path.read_bytes()).items[0]
    assert first.guid == second.guid and first.guid.startswith("sha256:")


def test_the_news_message_reports_its_package_and_its_empty_items(shared_dir):
    path = shared_dir / "wires" / "newsml-g2" / "LISTING_24_News_Message_conveying_a_complete_News_Package.xml"
    feed = parse(path.read_bytes())
    assert feed.items == ()
    assert feed.problems == (
        "a packageItem (no guid) was not read: only news items are",
        *(f"item N{n} has no title and no text; left out" for n in range(1, 5)),
    )


def test_the_hop_history_item_has_no_content_and_is_left_out(shared_dir):
    feed = parse((shared_dir / "wires" / "newsml-g2" / "LISTING_29_Hop_History.xml").read_bytes())
    assert feed.items == ()
    assert feed.problems == (
        "item urn:newsml:acmenews.com:20161019T1205:HOP-HISTORY-EXAMPLE has no title and no text; left out",
    )
