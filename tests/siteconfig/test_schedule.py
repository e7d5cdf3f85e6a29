"""The TV schedule: a programme ends after it starts, an edition's never overlap, and the
reads say what is on and next at any moment."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsdesk.siteconfig import schedule
from newsdesk.siteconfig.models import Programme

ALMATY = ZoneInfo("Asia/Almaty")
NINE = datetime(2026, 12, 7, 9, 0, tzinfo=ALMATY)


def programme(start: datetime, minutes: int = 60, *, edition: str = "en", title: str = "News") -> Programme:
    made = Programme(edition=edition, title_en=title, starts_at=start, ends_at=start + timedelta(minutes=minutes))
    made.full_clean()
    made.save()
    return made


def test_a_programme_ends_after_it_starts(db):
    for minutes in (0, -30):
        made = Programme(edition="en", title_en="News", starts_at=NINE, ends_at=NINE + timedelta(minutes=minutes))
        with pytest.raises(ValidationError) as refused:
            made.full_clean()
        assert refused.value.message_dict == {"ends_at": ["A programme ends after it starts."]}


def test_the_database_refuses_one_that_ends_before_it_starts_too(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.create(edition="en", title_en="News", starts_at=NINE, ends_at=NINE - timedelta(hours=1))


def test_a_programme_needs_a_title_in_some_language(db):
    made = Programme(edition="ru", starts_at=NINE, ends_at=NINE + timedelta(hours=1))
    with pytest.raises(ValidationError) as refused:
        made.full_clean()
    assert "title_en" in refused.value.message_dict


@pytest.mark.parametrize(("start", "minutes"), [(-30, 60), (30, 60), (10, 20), (-60, 180), (0, 60)])
def test_programmes_of_one_edition_never_overlap(db, start, minutes):
    programme(NINE, 60, title="Business Hour")
    clash = Programme(
        edition="en",
        title_en="Sport",
        starts_at=NINE + timedelta(minutes=start),
        ends_at=NINE + timedelta(minutes=start + minutes),
    )
    with pytest.raises(ValidationError) as refused, timezone.override(ALMATY):  # the back office's zone
        clash.full_clean()
    assert "“Business Hour”" in str(refused.value) and "07.12.2026 09:00–10:00" in str(refused.value)


def test_back_to_back_programmes_and_other_editions_do_not_clash(db):
    first = programme(NINE, 60)
    programme(NINE + timedelta(hours=1), 30)  # starts as the first ends
    programme(NINE - timedelta(minutes=30), 30)  # ends as the first starts
    programme(NINE, 60, edition="ru")
    first.title_en = "News at nine"
    first.full_clean()  # a programme does not clash with itself


def test_what_is_on_and_next_at_any_moment(db):
    news = programme(NINE, 30, title="News")
    business = programme(NINE + timedelta(hours=1), 60, title="Business Hour")
    programme(NINE, 120, edition="ru", title="Новости")
    assert schedule.on_air(edition="en", now=NINE - timedelta(minutes=1)) == schedule.OnAir(now=None, next=news)
    assert schedule.on_air(edition="en", now=NINE) == schedule.OnAir(now=news, next=business)
    assert schedule.on_air(edition="en", now=NINE + timedelta(minutes=30)) == schedule.OnAir(now=None, next=business)
    assert schedule.on_air(edition="en", now=NINE + timedelta(hours=2)) == schedule.OnAir(now=None, next=None)
    # The Kazakh schedule is both Kazakh editions'; the Russian one its own.
    assert schedule.on_air(edition="kk-latn", now=NINE) == schedule.OnAir(now=None, next=None)
    assert schedule.on_air(edition="ru", now=NINE + timedelta(minutes=45)).now.title_for("ru") == "Новости"
    kazakh = programme(NINE, 60, edition="kk", title="Жаңалықтар")
    assert schedule.on_air(edition="kk", now=NINE).now == schedule.on_air(edition="kk-latn", now=NINE).now == kazakh


def test_the_kept_schedule_answers_for_this_moment_and_follows_changes(db):
    soon = timezone.now() + timedelta(minutes=10)
    assert schedule.on_air(edition="en").next is None  # read and kept: nothing scheduled
    made = programme(soon, 30)
    assert schedule.on_air(edition="en").next == made  # saving forgot the kept copy
    assert schedule.next_change() == made.starts_at
    assert schedule.next_change(now=made.starts_at) == made.ends_at
    made.delete()
    assert schedule.next_change() is None


def test_the_day_is_the_agencys_day_with_programmes_across_midnight(db):
    late = programme(datetime(2026, 12, 6, 23, 30, tzinfo=ALMATY), 60, title="Night news")
    morning = programme(NINE, 60)
    programme(datetime(2026, 12, 8, 0, 0, tzinfo=ALMATY), 60, title="Tomorrow")
    assert schedule.day_schedule(edition="en", day=NINE.date(), zone=ALMATY) == [late, morning]
