"""Reads of the internet TV's schedule: what is on, what is next, the day's programmes,
and the next moment the live block changes (the page cache keeps no page past it).

Every page's live block asks what is on; the programmes of the next days are kept
through the shared cache and by each process a few seconds (`_upcoming`), and the
answer is worked out from them for the moment asked, so a kept copy never says "Live"
past a programme's end. Saving or deleting a programme forgets the copy.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from newsdesk.editions.editions import content_language
from newsdesk.lib.memo import SharedMemo
from newsdesk.siteconfig.models import Programme

CACHE_KEY = "siteconfig:schedule:v1"
CACHE_SECONDS = 60
# The kept copy holds the programmes that end within this time of its reading: the next
# programme is found in it unless the schedule is empty that long.
AHEAD = timedelta(days=2)


@dataclass(frozen=True)
class Upcoming:
    """The programmes that had not ended at `read_at` and start before `until`."""

    read_at: datetime
    until: datetime
    programmes: tuple[Programme, ...]

    def covers(self, moment: datetime) -> bool:
        return self.read_at <= moment < self.until - AHEAD / 2


@dataclass(frozen=True)
class OnAir:
    """The live block's state for an edition at a moment: the programme on, and the next."""

    now: Programme | None
    next: Programme | None

    @property
    def live(self) -> bool:
        return self.now is not None


def _read_upcoming() -> Upcoming:
    moment = timezone.now()
    until = moment + AHEAD
    programmes = Programme.objects.filter(ends_at__gt=moment, starts_at__lt=until).order_by("starts_at")
    return Upcoming(read_at=moment, until=until, programmes=tuple(programmes))


_upcoming = SharedMemo(key=CACHE_KEY, load=_read_upcoming, cache_seconds=CACHE_SECONDS, process_seconds=5)


def _programmes_around(moment: datetime) -> tuple[Programme, ...]:
    """The programmes not ended at `moment` that start within a day of it at least: the
    kept copy's when it covers the moment, else read (another moment, in tests)."""
    kept = _upcoming.get()
    if kept.covers(moment):
        return kept.programmes
    return tuple(Programme.objects.filter(ends_at__gt=moment, starts_at__lt=moment + AHEAD).order_by("starts_at"))


def on_air(*, edition: str, now: datetime | None = None) -> OnAir:
    """What the edition's schedule has on at `now` (default: this moment), and next."""
    moment = now or timezone.now()
    language = content_language(edition)
    current = following = None
    for programme in _programmes_around(moment):
        if programme.edition != language or programme.ends_at <= moment:
            continue
        if programme.starts_at <= moment:
            current = programme
        elif following is None:
            following = programme
            break
    return OnAir(now=current, next=following)


def next_change(*, now: datetime | None = None) -> datetime | None:
    """The next start or end of a programme in any edition after `now`: the moment some
    live block changes. None when nothing is scheduled within a day."""
    moment = now or timezone.now()
    moments = [
        boundary
        for programme in _programmes_around(moment)
        for boundary in (programme.starts_at, programme.ends_at)
        if boundary > moment
    ]
    return min(moments, default=None)


def day_schedule(*, edition: str, day: date, zone: ZoneInfo) -> list[Programme]:
    """The programmes of `day` in `zone` (the agency's), those crossing midnight included."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return list(
        Programme.objects.filter(edition=content_language(edition), starts_at__lt=end, ends_at__gt=start).order_by(
            "starts_at"
        )
    )


def forget_schedule() -> None:
    _upcoming.forget()


@receiver([post_save, post_delete], sender=Programme)
def _forget_kept_schedule(**kwargs: object) -> None:
    forget_schedule()
