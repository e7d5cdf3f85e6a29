"""The demo's TV schedule: programmes back to back around the load's moment in every
edition, titled in each language, so the live block says Live whenever the demo is opened."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import translation

from newsdesk.demo.schedule import demo_schedule_load
from newsdesk.editions import latin
from newsdesk.editions.definition import EDITION_CODES
from newsdesk.public.live import live_block
from newsdesk.siteconfig import schedule
from newsdesk.siteconfig.models import Programme

ALMATY = ZoneInfo("Asia/Almaty")
LATE = datetime(2026, 12, 7, 23, 50, tzinfo=ALMATY)


def test_every_edition_has_a_programme_on_at_any_time_of_the_two_days(db):
    demo_schedule_load(now=LATE, zone=ALMATY)
    day = datetime(2026, 12, 7, tzinfo=ALMATY)
    for edition in EDITION_CODES:
        for minutes in range(0, 48 * 60, 17):
            assert schedule.on_air(edition=edition, now=day + timedelta(minutes=minutes)).live, (edition, minutes)
    for programme in Programme.objects.all():
        programme.full_clean()  # valid, and no overlap
        assert programme.title_en and programme.title_ru and programme.title_kk


def test_loading_again_replaces_those_days_and_keeps_older_ones(db):
    week_ago = LATE - timedelta(days=7)
    older = Programme.objects.create(
        edition="en", title_en="Last week", starts_at=week_ago, ends_at=week_ago + timedelta(hours=1)
    )
    first = demo_schedule_load(now=LATE, zone=ALMATY)
    assert demo_schedule_load(now=LATE, zone=ALMATY) == first
    assert Programme.objects.count() == first + 1 and Programme.objects.filter(pk=older.pk).exists()


def test_the_block_says_live_with_the_programme_in_each_editions_language(db):
    demo_schedule_load(zone=ALMATY)
    titles = {}
    for edition in EDITION_CODES:
        with translation.override(edition):
            block = live_block()
            assert block.state == "live" and block.label == translation.gettext("Live")
        titles[edition] = block.programme
    on = schedule.on_air(edition="kk").now
    assert titles["kk"] == on.title_kk and titles["kk-latn"] == latin.to_latin(on.title_kk)
    assert titles["ru"] == schedule.on_air(edition="ru").now.title_ru
    assert titles["en"] == schedule.on_air(edition="en").now.title_en
