"""The live TV: the block on every page follows the schedule (Live, Next at HH:MM, or
neither), the page cache keeps no page past a programme's start or end, and the live page
shows what is on, what is next, the day's schedule and its poster, with its JSON-LD."""

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from newsdesk.editions import latin
from newsdesk.public import live
from newsdesk.public.pagecache import PAGE_SECONDS, _seconds_to_keep
from newsdesk.siteconfig.models import Programme
from tests.conftest import SITE, jpeg_bytes
from tests.public.heads import read

ALMATY = ZoneInfo("Asia/Almaty")
NINE = datetime(2026, 12, 7, 9, 0, tzinfo=ALMATY)
TITLES = {"en": "Business Hour", "ru": "Деловой час", "kk": "Іскерлік сағат"}


def programme(start: datetime, minutes: int, *, edition: str = "en", **titles: str) -> Programme:
    made = Programme(edition=edition, starts_at=start, ends_at=start + timedelta(minutes=minutes))
    for language, title in (titles or {"en": "News"}).items():
        setattr(made, f"title_{language}", title)
    made.full_clean()
    made.save()
    return made


@pytest.fixture
def at(monkeypatch):
    """Set the clock: `at(moment)` makes every `timezone.now()` say `moment`."""

    def set_clock(moment: datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(ZoneInfo("UTC")))

    return set_clock


def block_at(edition: str, moment: datetime) -> live.LiveBlock:
    with translation.override(edition), timezone.override(ALMATY):
        return live.live_block(now=moment)


def test_the_block_says_live_only_while_a_programme_is_on(agency):
    programme(NINE, 30, en="News")
    programme(NINE + timedelta(hours=2), 60, en="Business Hour")
    assert block_at("en", NINE - timedelta(minutes=5)) == live.LiveBlock("next", "Next at 09:00", "News")
    assert block_at("en", NINE) == live.LiveBlock("live", "Live", "News")
    assert block_at("en", NINE + timedelta(minutes=29)).state == "live"
    assert block_at("en", NINE + timedelta(minutes=30)) == live.LiveBlock("next", "Next at 11:00", "Business Hour")
    assert block_at("en", NINE + timedelta(hours=3)) == live.LiveBlock("off", "", "")


def test_a_next_programme_on_another_day_is_given_with_its_date(agency):
    programme(NINE + timedelta(days=1), 30, en="News")
    programme(NINE + timedelta(days=1), 30, edition="ru", ru="Новости")
    assert block_at("en", NINE).label == "Next on 8 December 2026 at 09:00"
    assert block_at("ru", NINE).label == "Далее: 8 декабря 2026 года в 09:00"
    assert block_at("ru", NINE - timedelta(hours=1) + timedelta(days=1)).label == "Далее в 09:00"


def test_every_pages_block_follows_the_schedule(client, agency, story, at):
    programme(NINE, 30, en="News")
    at(NINE - timedelta(minutes=10))
    page = client.get("/en/").content.decode()
    assert '<span class="live-next">Next at 09:00</span>' in page and 'class="live-badge"' not in page
    at(NINE + timedelta(minutes=1))
    for path in ("/en/section/politics/", story.get_absolute_url()):
        page = client.get(path).content.decode()
        assert '<span class="live-badge">Live</span>' in page and '<span class="live-programme">News</span>' in page
    at(NINE + timedelta(hours=1))
    page = client.get("/en/tag/who/").content.decode()
    assert "Internet TV" in page and "live-badge" not in page and "live-next" not in page  # neutral


def test_a_stored_page_is_kept_no_longer_than_the_next_boundary(agency):
    programme(NINE, 30)
    assert _seconds_to_keep(NINE - timedelta(seconds=20)) == 21  # until the start
    assert _seconds_to_keep(NINE + timedelta(minutes=29, seconds=50)) == 11  # until the end
    assert _seconds_to_keep(NINE + timedelta(hours=1)) == PAGE_SECONDS


def test_a_page_stored_before_a_programme_starts_says_live_once_it_has_started(client, agency, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True, "PAGE_MEMO_SECONDS": 0}
    start = timezone.now() + timedelta(seconds=2)
    programme(start, 30)
    first = client.get("/en/")
    assert "live-next" in first.content.decode() and "live-badge" not in first.content.decode()
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    time.sleep(max(0.0, (start - timezone.now()).total_seconds()) + 1.1)
    again = client.get("/en/")
    assert "X-Page-Cache" not in again and '<span class="live-badge">Live</span>' in again.content.decode()


def test_a_programme_saved_reaches_the_stored_live_pages_and_homes_of_its_editions(
    client, agency, settings, django_capture_on_commit_callbacks
):
    """An editor adds a programme, moves it, deletes it: the live page and the home of each
    edition showing its language show the schedule as saved, not a copy from before."""
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True, "PAGE_MEMO_SECONDS": 0}
    paths = ("/kk/", "/kk/live/", "/kk-latn/", "/kk-latn/live/", "/en/live/")
    for path in paths:
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit"
    start = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        made = programme(start, 30, edition="kk", kk="Іскерлік сағат")
    assert "Іскерлік сағат" in client.get("/kk/live/").content.decode()
    assert latin.to_latin("Іскерлік сағат") in client.get("/kk-latn/").content.decode()
    assert "X-Page-Cache" not in client.get("/kk/")
    assert client.get("/en/live/")["X-Page-Cache"] == "hit"  # another language's schedule: kept
    with django_capture_on_commit_callbacks(execute=True):
        made.delete()
    assert "Іскерлік сағат" not in client.get("/kk/live/").content.decode()


@pytest.mark.parametrize("edition", ["en", "ru", "kk", "kk-latn"])
def test_the_live_page_shows_what_is_on_next_and_the_day_in_every_edition(client, agency, at, edition):
    language = "kk" if edition == "kk-latn" else edition
    programme(NINE - timedelta(hours=1), 60, edition=language, en="Morning", ru="Утро", kk="Таңертең")
    programme(NINE, 60, edition=language, **TITLES)
    programme(NINE + timedelta(hours=2), 30, edition=language, en="Sport", ru="Спорт", kk="Спорт")
    programme(NINE + timedelta(days=1), 30, edition=language, en="Tomorrow", ru="Завтра", kk="Ертең")
    at(NINE + timedelta(minutes=15))
    response = client.get(f"/{edition}/live/")
    assert response.status_code == 200
    html = response.content.decode()
    title = TITLES[language] if edition != "kk-latn" else latin.to_latin(TITLES["kk"])
    assert f"<strong>{title}</strong>" in html
    assert 'poster="/static/newsdesk/live-poster.jpg" width="1280" height="720"' in html
    schedule = html[html.index('class="schedule-list"') : html.index("</ol>")]
    assert schedule.count("<li") == 3 and "Tomorrow" not in schedule and "Ертең" not in schedule
    assert '<li class="schedule-now" aria-current="true">' in schedule
    assert ">08:00</time>–<time" in schedule and ">11:30</time>" in schedule  # the agency's zone
    sport = "Sport" if language == "en" else ("Спорт" if edition != "kk-latn" else latin.to_latin("Спорт"))
    assert f"<strong>{sport}</strong>" in html[html.index('class="up-next"') :]
    assert ("Іскерлік сағат" in html) == (edition == "kk")


def test_the_live_pages_data_is_a_video_with_the_days_broadcasts(client, agency, at):
    programme(NINE, 60, en="Business Hour")
    programme(NINE + timedelta(hours=1), 30, en="Sport")
    at(NINE + timedelta(minutes=15))
    page = read(client.get("/en/live/"))
    video = page.single("VideoObject")
    assert {"name", "description", "thumbnailUrl", "uploadDate", "contentUrl", "publication"} <= set(video)
    assert video["uploadDate"] == "2026-12-07T09:00:00+05:00"
    assert video["publication"] == [
        {
            "@type": "BroadcastEvent",
            "name": "Business Hour",
            "isLiveBroadcast": True,
            "startDate": "2026-12-07T09:00:00+05:00",
            "endDate": "2026-12-07T10:00:00+05:00",
            "inLanguage": "en",
        },
        {
            "@type": "BroadcastEvent",
            "name": "Sport",
            "isLiveBroadcast": True,
            "startDate": "2026-12-07T10:00:00+05:00",
            "endDate": "2026-12-07T10:30:00+05:00",
            "inLanguage": "en",
        },
    ]


def test_a_hostile_title_stays_text_in_the_page_and_its_data(client, agency, at):
    hostile = "</script><script>alert(1)</script> <!-- x -->"
    programme(NINE, 60, en=hostile)
    at(NINE + timedelta(minutes=1))
    response = client.get("/en/live/")
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert read(response).single("VideoObject")["publication"][0]["name"] == hostile


def test_an_empty_day_says_so(client, agency):
    html = client.get("/en/live/").content.decode()
    assert "No programmes are scheduled for today." in html and "No programme is on the air now." in html


def test_the_agencys_own_poster_is_the_frame_before_play_and_the_videos_image(client, agency):
    agency.live_poster = ContentFile(jpeg_bytes((1280, 720), "teal"), name="poster.jpg")
    agency.full_clean()
    agency.save()
    response = client.get("/en/live/")
    html = response.content.decode()
    assert f'poster="{agency.live_poster.url}" width="1280" height="720"' in html
    assert agency.live_poster.url.startswith("/media/site/")
    assert read(response).single("VideoObject")["thumbnailUrl"] == [f"{SITE}{agency.live_poster.url}"]


def test_a_poster_that_cannot_be_read_gives_way_to_the_bundled_frame(client, agency):
    agency.live_poster = ContentFile(jpeg_bytes((1280, 720)), name="poster.jpg")
    agency.save()
    agency.live_poster.storage.delete(agency.live_poster.name)
    html = client.get("/en/live/").content.decode()
    assert 'poster="/static/newsdesk/live-poster.jpg" width="1280" height="720"' in html


def test_a_poster_smaller_than_a_phones_player_is_refused(agency):
    agency.live_poster = ContentFile(jpeg_bytes((320, 120)), name="poster.jpg")
    with pytest.raises(ValidationError) as refused:
        agency.full_clean()
    assert "live_poster" in refused.value.message_dict
