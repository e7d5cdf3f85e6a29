"""A month over the per-child limit is listed by days; a day over it says so."""

import logging
from datetime import datetime, timedelta

from newsdesk.content.models import Article, Photo
from newsdesk.syndication import sitemap_queries
from newsdesk.syndication.archive import archive_days_rebuild
from tests.conftest import ALMATY, SITE
from tests.syndication.sitemap_schemas import locs, sitemap, walk


def _at(day: int, hour: int) -> datetime:
    return datetime(2025, 12, day, hour, 0, tzinfo=ALMATY)


def test_a_month_over_the_limit_is_listed_by_its_days(client, schemas, limit, publish_story, agency):
    limit(3)
    stories = [publish_story(f"December {d}, {h}h", at=_at(d, h)) for d, h in [(1, 9), (1, 10), (2, 9), (5, 9)]]
    publish_story("November", at=datetime(2025, 11, 20, 9, 0, tzinfo=ALMATY))
    children = walk(client, schemas)
    english = sorted(path for path in children if path.startswith("/en/sitemap-20"))
    assert english == [
        "/en/sitemap-2025-11.xml",
        "/en/sitemap-2025-12-01.xml",
        "/en/sitemap-2025-12-02.xml",
        "/en/sitemap-2025-12-05.xml",
    ]
    assert client.get("/en/sitemap-2025-12.xml").status_code == 404  # listed by days instead
    first, second = stories[:2]
    assert locs(children["/en/sitemap-2025-12-01.xml"]) == [
        f"{SITE}/en/news/{first.pk}-{first.slug}/",
        f"{SITE}/en/news/{second.pk}-{second.slug}/",
    ]
    listed = {loc for path in english for loc in locs(children[path])}
    assert len(listed) == 5  # every story once


def test_a_month_at_the_limit_stays_whole(client, schemas, limit, publish_story, agency):
    limit(3)
    for d in (1, 2, 3):
        publish_story(f"December {d}", at=_at(d, 9))
    assert len(locs(sitemap(client, schemas, "/en/sitemap-2025-12.xml"))) == 3
    index = locs(sitemap(client, schemas, "/sitemap.xml"))
    assert SITE + "/en/sitemap-2025-12.xml" in index and SITE + "/en/sitemap-2025-12-01.xml" not in index


def test_a_day_over_the_limit_lists_its_first_stories_and_warns(client, schemas, limit, publish_story, agency, caplog):
    limit(2)
    stories = [publish_story(f"Busy {h}", at=_at(3, h)) for h in (9, 10, 11)]
    with caplog.at_level(logging.WARNING, logger="newsdesk.syndication"):
        listed = locs(sitemap(client, schemas, "/en/sitemap-2025-12-03.xml"))
    assert listed == [f"{SITE}/en/news/{s.pk}-{s.slug}/" for s in stories[:2]]
    assert "the rest left out" in caplog.text


def test_a_child_is_read_in_chunks_by_keyset_and_loses_no_story_at_a_chunk_edge(
    client, schemas, publish_story, agency, monkeypatch
):
    """Stories sharing one publication time across a chunk's edge: each listed once."""
    monkeypatch.setattr(sitemap_queries, "CHUNK", 2)
    same = _at(4, 9)
    stories = [publish_story(f"Same minute {n}", at=same) for n in range(5)]
    listed = locs(sitemap(client, schemas, "/en/sitemap-2025-12.xml"))
    assert listed == [f"{SITE}/en/news/{s.pk}-{s.slug}/" for s in sorted(stories, key=lambda s: s.pk)]


def test_the_default_limit_keeps_a_child_far_inside_the_protocols_bounds(settings):
    """50,000 URLs and 50 MB a child: at the default, even 2,000-byte entries stay under both."""
    limit = settings.NEWSDESK["SITEMAP_URLS"]
    assert limit <= 50_000 and limit * 2_000 <= 50 * 1024 * 1024


def test_the_worst_entry_is_within_the_estimate(client, schemas, publish_story, make_photo, agency, settings):
    """The largest entry the site writes: a long id, a 120-character slug, a photo and four
    language versions, on a 100-character site address: under the 2,000 bytes assumed."""
    settings.SITE_URL = "https://" + "n" * 81 + ".example.kz"  # 100 characters
    assert len(settings.SITE_URL) == 100
    title = "Қазақстан " * 30
    kk = publish_story(title, language="kk", at=_at(6, 9), photo=make_photo())
    Photo.objects.filter(pk=kk.photo_id).update(file="photos/2025/12/" + "p" * 81 + ".jpg")  # 100 characters
    en = publish_story("English " * 20, at=_at(6, 10), translation_group=kk.translation_group)
    ru = publish_story("Русский " * 20, language="ru", at=_at(6, 11), translation_group=kk.translation_group)
    archive_days_rebuild()
    body = client.get("/kk-latn/sitemap-2025-12.xml").content
    schemas.check(body)
    entry = body[body.index(b"<url>") : body.index(b"</url>") + len(b"</url>")]
    assert len(Article.objects.get(pk=kk.pk).slug) >= 110
    # As if each id had 18 digits.
    longer = sum((18 - len(str(s.pk))) * entry.count(f"/news/{s.pk}-".encode()) for s in (kk, en, ru))
    assert 1_500 < len(entry) + longer <= 2_000


def test_many_stories_split_the_index_and_every_child_is_valid(client, schemas, limit, publish_story, agency):
    limit(2)
    now = datetime.now(ALMATY).replace(microsecond=0)
    for n in range(6):
        publish_story(f"Recent {n}", at=now - timedelta(hours=3 * n + 1))
    walk(client, schemas)
