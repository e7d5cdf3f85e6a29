"""What a wire source can send that is wrong or hostile: each case ends in a ParseError
with a plain English message, or in items with the flaw recorded, never in another
exception, never with a file's content in the output and never with a connection."""

import dataclasses
import json
import socket
from pathlib import Path

import pytest
from django.utils.functional import Promise

from newsdesk.wires import feeds, newsml
from newsdesk.wires.detect import parse
from newsdesk.wires.parsed import ParsedFeed, ParseError

from .test_feeds import ATOM_KK, NOW, RSS_RU

NEWSML = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:example:1" version="1" standard="NewsML-G2"
          standardversion="2.35" xml:lang="ru">
  <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:EXAMPLE"/>
    <versionCreated>2025-03-01T10:00:00+03:00</versionCreated></itemMeta>
  <contentMeta><headline>Заголовок &amp; текст ENTITY</headline></contentMeta>
  <contentSet><inlineData contenttype="text/plain">Первый абзац.</inlineData></contentSet>
</newsItem>
"""
PASSWD = Path("/etc/passwd")
SECRET = PASSWD.read_text().splitlines()[0] if PASSWD.exists() else "root:x:0:0"

LAUGHS = "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n else "lol"}">\n' for n in range(10))
# Where the entity is used: in the title, or the headline.
USE = {"rss": ("<title>Новости агентства</title>", "<title>&{name};</title>"),
       "atom": ("<title>Ақпарат агенттігі</title>", "<title>&{name};</title>"),
       "newsml": ("<headline>Заголовок &amp; текст ENTITY</headline>", "<headline>&{name};</headline>")}  # fmt: skip
DOCUMENTS = {"rss": RSS_RU, "atom": ATOM_KK, "newsml": NEWSML}
ROOTS = {"rss": "rss", "atom": "feed", "newsml": "newsItem"}


def hostile(kind: str, subset: str, name: str, one_line: bool = False) -> bytes:
    """The document with a DOCTYPE declaring subset and its title made of &name;."""

    text = DOCUMENTS[kind]
    before, after = USE[kind]
    text = text.replace(before, after.format(name=name), 1)
    doctype = f"<!DOCTYPE {ROOTS[kind]} [\n{subset}]>\n"
    if one_line:
        doctype = doctype.replace("\n", " ")
    head, rest = text.split("\n", 1)
    return f"{head}\n{doctype}{rest}".encode()


XXE = f'<!ENTITY xxe SYSTEM "file://{PASSWD}">\n'
PARAMETER = f'<!ENTITY % remote SYSTEM "file://{PASSWD}">\n%remote;\n'
HOSTILE = {
    f"{kind} {attack}{' on one line' if one_line else ''}": hostile(kind, subset, name, one_line)
    for kind in DOCUMENTS
    for attack, subset, name in [
        ("billion laughs", LAUGHS, "lol9"),
        ("external entity", XXE, "xxe"),
        ("parameter entity", PARAMETER, "xxe"),
    ]
    for one_line in (False, True)
}


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to connect or to look a name up fails the test."""

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("the wire parsers must not use the network")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield
    assert attempts == []


def outcome(content: bytes, **options) -> ParsedFeed | ParseError:
    try:
        return parse(content, now=NOW, **options)
    except ParseError as error:
        return error


def everything_in(result: ParsedFeed | ParseError) -> str:
    if isinstance(result, ParseError):
        return str(result)
    return repr([dataclasses.asdict(item) for item in result.items]) + repr(result.problems)


def assert_plain_message(error: ParseError) -> None:
    assert isinstance(error.message, Promise)  # translated when shown
    text = str(error)
    assert text[0].isupper() and text.endswith(".") and text.isascii()


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_entities_that_fetch_or_multiply_are_refused(case):
    result = outcome(HOSTILE[case])
    assert isinstance(result, ParseError), case
    assert_plain_message(result)
    assert "entities" in str(result)
    assert SECRET not in everything_in(result)


@pytest.mark.parametrize("case", sorted(c for c in HOSTILE if not c.startswith("newsml")))
def test_feedparser_alone_neither_reads_files_nor_expands_entities(case):
    # Past detect.py's refusal: the feed parser's own defences.
    result = feeds.parse_xml_feed(HOSTILE[case].decode())
    text = everything_in(result)
    assert SECRET not in text
    assert "lollollol" not in text


@pytest.mark.parametrize("case", sorted(c for c in HOSTILE if c.startswith("newsml")))
def test_the_newsml_reader_alone_refuses_any_dtd(case):
    with pytest.raises(ParseError, match=r"DTD or entities|not well-formed"):
        newsml.root_of(HOSTILE[case].decode())


def test_harmless_entities_in_a_feed_are_read_and_noted():
    content = hostile("rss", '<!ENTITY agency "Агентство">\n', "agency")
    feed = parse(content, now=NOW)
    assert "the document declares its own entities" in feed.problems
    assert len(feed.items) == 3


def test_a_doctype_naming_an_outside_dtd_is_not_fetched():
    text = RSS_RU.replace(
        '<rss version="2.0"', '<!DOCTYPE rss SYSTEM "http://dtd.example.com/rss.dtd">\n<rss version="2.0"'
    )
    assert len(parse(text.encode(), now=NOW).items) == 3  # and no_network saw no connection
    result = outcome(
        NEWSML.replace("<newsItem", '<!DOCTYPE newsItem SYSTEM "http://dtd.example.com/n.dtd">\n<newsItem').encode()
    )
    assert isinstance(result, ParseError) and "DTD" in str(result)


TRUNCATED_RSS = RSS_RU[: RSS_RU.index("<title>Новость из будущего")].encode()
TRUNCATED_ATOM = ATOM_KK[: ATOM_KK.index("<title>Сілтемесіз")].encode()


@pytest.mark.parametrize("content", [TRUNCATED_RSS, TRUNCATED_ATOM], ids=["rss", "atom"])
def test_a_truncated_feed_gives_what_it_holds(content):
    feed = parse(content, now=NOW)
    assert feed.items[0].title in ("Президент подписал закон о бюджете", "Астанада жаңа мектеп ашылды")
    assert any(p.startswith("the XML is malformed") and p.endswith("read leniently") for p in feed.problems)


REFUSED = {
    "empty": (b"", "empty"),
    "white space": (b" \r\n\t ", "empty"),
    "a byte order mark alone": (b"\xef\xbb\xbf", "empty"),
    "an HTML page": (b"<!DOCTYPE html>\n<html><head><title>Not found</title></head><body>404</body></html>", "HTML"),
    "an HTML page without a doctype": (b"\n  <html lang='ru'><body><p>Oops</p></body></html>", "HTML"),
    "an XHTML page": (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "HTML"),
    "plain text": ("Просто текст, не лента".encode(), "neither XML nor JSON"),
    "binary": (bytes(range(256)) * 4, ""),
    "a PNG": (b"\x89PNG\r\n\x1a\n" + bytes(200), ""),
    "other XML": (b"<?xml version='1.0'?><urlset><url/></urlset>", "wire format"),
    "malformed NewsML": (NEWSML.encode()[:300], "well-formed"),
    "newsItem outside the NewsML namespace": (b"<newsItem guid='x'><itemMeta/></newsItem>", "not NewsML-G2"),
    "JSON that is not a wire": (b'{"status": "ok", "count": 3}', "neither a JSON Feed nor ninjs"),
    "a JSON list of numbers": (b"[1, 2, 3]", "neither a JSON Feed nor ninjs"),
    "a JSON string": (b'"ninjs"', "neither a JSON Feed nor ninjs"),
    "broken JSON": (b'{"uri": "urn:x", "headlines": [', "not valid JSON"),
    "JSON nested to the bottom": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "11 MB": (b"<rss>" + b" " * (11 * 1024 * 1024) + b"</rss>", "larger than the limit of 10.0 MB"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_document_that_cannot_be_read_is_refused_with_a_clear_message(case):
    content, words = REFUSED[case]
    result = outcome(content)
    assert isinstance(result, ParseError), case
    assert_plain_message(result)
    assert words in str(result)


def test_the_size_cap_is_a_parameter():
    assert isinstance(outcome(RSS_RU.encode(), size_limit=1000), ParseError)
    assert parse(RSS_RU.encode(), size_limit=len(RSS_RU.encode()), now=NOW).items


RU_TITLE = "Президент подписал закон о бюджете"
KK_TITLE = "Астанада жаңа мектеп ашылды"
RU_BODY = "Москва. Президент России подписал закон о федеральном бюджете."
ENCODINGS = {
    "windows-1251 declared as UTF-8": (
        RSS_RU.encode("cp1251"),
        "application/rss+xml; charset=utf-8",
        RU_TITLE,
        "declared utf-8 but the bytes are not utf-8; read as cp1251",
    ),
    "windows-1251 with no charset at all": (
        RSS_RU.replace(' encoding="utf-8"', "").encode("cp1251"),
        None,
        RU_TITLE,
        "no encoding declared but the bytes are not utf-8; read as cp1251",
    ),
    "UTF-8 declared as windows-1251": (
        RSS_RU.replace('encoding="utf-8"', 'encoding="windows-1251"').encode(),
        None,
        RU_TITLE,
        "declared cp1251 but the bytes are UTF-8; read as UTF-8",
    ),
    "UTF-8 with the header saying windows-1251": (
        RSS_RU.encode(),
        "text/xml; charset=windows-1251",
        RU_TITLE,
        "declared cp1251 but the bytes are UTF-8; read as UTF-8",
    ),
    "Kazakh in KZ-1048 declared as UTF-8": (
        ATOM_KK.encode("kz1048"),
        "application/atom+xml; charset=UTF-8",
        KK_TITLE,
        "declared utf-8 but the bytes are not utf-8; read as kz1048",
    ),
    "Kazakh UTF-8 declared as windows-1251": (
        ATOM_KK.replace('encoding="utf-8"', 'encoding="windows-1251"').encode(),
        None,
        KK_TITLE,
        "declared cp1251 but the bytes are UTF-8; read as UTF-8",
    ),
    "UTF-8 read as windows-1251 before it was sent": (
        RSS_RU.replace(RU_BODY, RU_BODY.encode().decode("cp1251")).encode(),
        None,
        RU_TITLE,
        "text that was UTF-8 read as cp1251 repaired",
    ),
    "UTF-8 read as latin-1 before it was sent": (
        ATOM_KK.replace("жаңа мектеп", "жаңа мектеп".encode().decode("latin-1")).encode(),
        None,
        KK_TITLE,
        "text that was UTF-8 read as cp1252 repaired",
    ),
    "UTF-16 with a byte order mark": (
        ATOM_KK.replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16"),
        None,
        KK_TITLE,
        None,
    ),
    "an unknown charset label": (RSS_RU.encode(), "text/xml; charset=x-unheard-of", RU_TITLE, None),
}


@pytest.mark.parametrize("case", sorted(ENCODINGS))
def test_a_wrong_encoding_is_repaired_and_recorded(case):
    content, content_type, title, problem = ENCODINGS[case]
    feed = parse(content, content_type=content_type, now=NOW)
    assert feed.items[0].title == title
    if problem:
        assert problem in feed.problems
    # The rest of the text came through too.
    assert feed.items[0].body_html.startswith((f"<p>{RU_BODY}</p>", "<p>Астана. Елордада жаңа мектеп ашылды.</p>"))


def test_correct_kazakh_and_russian_text_is_left_alone():
    text = "Ні, Гі, СІЗ, её «ещё» — №5, Қазақстан Республикасының Президенті, ВЁДРА"
    item = {"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": text}]}
    feed = parse(json.dumps(item, ensure_ascii=False).encode(), now=NOW)
    assert feed.items[0].title == text
    assert feed.problems == ()


WRONG_TYPES = {
    "a number for the headline (1.x)": ({"uri": "urn:x", "headline": 42}, "42", "headline is a number, not a string"),
    "a number in headlines (2.x)": (
        {"uri": "urn:x", "headlines": [{"value": 42}], "bodies": [{"value": "Text"}]},
        "",
        "headlines: entries without a text value ignored",
    ),
    "headlines not a list": (
        {"uri": "urn:x", "headlines": "Title", "bodies": [{"value": "Text"}]},
        "",
        "headlines is not a list; ignored",
    ),
    "a number for the uri": ({"uri": 7, "headline": "T"}, "T", "uri is a number, not a string"),
    "an object for the date": (
        {"uri": "urn:x", "headline": "T", "versioncreated": {}},
        "T",
        "versionCreated is not a date: '{}'",
    ),
    "a word for the date": (
        {"uri": "urn:x", "headline": "T", "versioncreated": "yesterday"},
        "T",
        "versionCreated is not a date: 'yesterday'",
    ),
    "a date without a zone": (
        {"uri": "urn:x", "headline": "T", "versioncreated": "2025-03-01T10:00:00"},
        "T",
        "versionCreated names no time zone; read as UTC",
    ),
    "a list for the language": ({"uri": "urn:x", "headline": "T", "language": ["ru"]}, "T", None),
    "null everywhere": ({"uri": None, "headline": None, "body_text": "Text", "by": None}, "", "no id"),
    "an object for the byline": (
        {"uri": "urn:x", "headline": "T", "byline": {"name": "A"}},
        "T",
        "byline is not a string; ignored",
    ),
    "a string for the type": ({"uri": "urn:x", "headline": "T", "type": 5}, "T", None),
}


@pytest.mark.parametrize("case", sorted(WRONG_TYPES))
def test_ninjs_with_wrong_types_gives_problems_not_exceptions(case):
    document, title, problem = WRONG_TYPES[case]
    feed = parse(json.dumps(document).encode(), now=NOW)
    [item] = feed.items
    assert item.title == title
    if problem:
        assert problem in item.problems
    assert item.language is None or item.language.isalpha()


def test_a_ninjs_list_with_something_else_in_it():
    result = outcome(json.dumps([{"uri": "urn:x", "headline": "T"}, "loose"]).encode())
    assert isinstance(result, ParseError)  # a list of items holds only objects


def test_json_feed_with_wrong_types():
    document = {
        "version": "https://jsonfeed.org/version/1",
        "items": [{"id": 12, "title": ["x"], "content_text": "T"}, 5],
    }
    feed = parse(json.dumps(document).encode(), now=NOW)
    [item] = feed.items
    assert item.guid == "12"
    assert {"id is a number, not a string", "title is not a string", "no title"} <= set(item.problems)
    assert feed.problems == ("item 2 is not an object; skipped",)
    assert parse(json.dumps({**document, "items": "none"}).encode(), now=NOW).problems == ("items is not a list",)


def test_a_reader_bug_becomes_a_parse_error(monkeypatch, caplog):
    def broken(document):
        raise KeyError("a bug")

    monkeypatch.setattr("newsdesk.wires.detect.parse_json_feed", broken)
    result = outcome(json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": []}).encode())
    assert isinstance(result, ParseError) and str(result) == "The document could not be read."
    assert "wire parsing failed" in caplog.text


def test_an_unknown_declared_format_is_the_caller_s_mistake():
    with pytest.raises(ValueError, match="unknown wire format"):
        parse(b"<rss/>", declared_format="rss3")


@pytest.mark.parametrize(
    ("content", "declared", "words"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "ninjs", "is json-feed, not ninjs"),
        (RSS_RU.encode(), "newsml-g2", "not NewsML-G2"),
        (NEWSML.encode(), "rss", "not an RSS or Atom feed"),
    ],
    ids=["JSON Feed declared ninjs", "RSS declared NewsML-G2", "NewsML-G2 declared RSS"],
)
def test_a_declared_format_that_is_wrong_is_refused(content, declared, words):
    result = outcome(content, declared_format=declared)
    assert isinstance(result, ParseError)
    assert words in str(result)
