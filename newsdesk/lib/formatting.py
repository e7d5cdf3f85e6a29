"""How dates, times and counts look on the public site."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext as _


def feed_datetime(value: datetime | None) -> str:
    """`DD.MM.YYYY, HH:MM` in the active (the agency's) time zone, as on every feed."""
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%d.%m.%Y, %H:%M")


def correction_line(*, note: str, at: datetime, zone: ZoneInfo) -> str:
    """A public correction as copies of a story off the site print it (feeds, partners'
    items), in the active language: "Correction (11.12.2025, 20:30): …"."""
    when = timezone.localtime(at, zone).strftime("%d.%m.%Y, %H:%M")
    return _("Correction (%(date)s): %(note)s") % {"date": when, "note": note}


def iso_datetime(value: datetime | None) -> str:
    """For `<time datetime=…>`: an exact instant machines can read."""
    if value is None:
        return ""
    return timezone.localtime(value).isoformat(timespec="minutes")


def full_date(value: date | None) -> str:
    """A date inside a sentence, in the active language ("11 декабря 2025 года")."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return date_format(value)


def views_count(value: int | str | None) -> str:
    """A count grouped in thousands as the active language writes it: "291 386" (a no-break
    space) in Russian and Kazakh, "291,386" in English (newsdesk/formats). A string is a
    placeholder filled in later (public/fragments.py), kept as it is."""
    if isinstance(value, str):
        return value
    # Every edition groups by three (newsdesk/formats); a page prints dozens of counts,
    # and Django's number_format costs more than the rest of a teaser.
    return f"{value or 0:,}".replace(",", thousands_separator())


def thousands_separator() -> str:
    """What views_count puts between thousands, for the page's script to write counts alike."""
    return str(get_format("THOUSAND_SEPARATOR"))
