"""The demo's TV schedule: programmes back to back through the day of the load and the next
one, in every edition's schedule, so the live block says "Live" whenever the demo is opened.

Loaded again with the demo, and by `load_demo --if-empty` (a demo kept running for days
still has today's schedule). The programmes of those two days are replaced; older ones stay.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from newsdesk.editions.definition import ARTICLE_LANGUAGES
from newsdesk.siteconfig.models import Programme
from newsdesk.siteconfig.schedule import forget_schedule

# (minutes, {language: title}, {language: description})
PROGRAMMES: list[tuple[int, dict[str, str], dict[str, str]]] = [
    (
        30,
        {"en": "News", "ru": "Новости", "kk": "Жаңалықтар"},
        {
            "en": "The main news of the hour from Kazakhstan and the world.",
            "ru": "Главные новости часа из Казахстана и мира.",
            "kk": "Қазақстан мен әлемнің сағаттағы басты жаңалықтары.",
        },
    ),
    (
        60,
        {"en": "Business Hour", "ru": "Деловой час", "kk": "Іскерлік сағат"},
        {
            "en": "Markets, companies and the economy, with guests from the industry.",
            "ru": "Рынки, компании и экономика с гостями из отрасли.",
            "kk": "Нарықтар, компаниялар және экономика: сала өкілдерімен бірге.",
        },
    ),
    (30, {"en": "Regions Today", "ru": "Регионы сегодня", "kk": "Өңірлер бүгін"}, {}),
    (
        30,
        {"en": "The Interview", "ru": "Интервью", "kk": "Сұхбат"},
        {
            "en": "A conversation with the guest of the day.",
            "ru": "Беседа с гостем дня.",
            "kk": "Күн қонағымен әңгіме.",
        },
    ),
    (60, {"en": "World in Focus", "ru": "Мир в фокусе", "kk": "Әлем назарында"}, {}),
    (60, {"en": "Culture and People", "ru": "Культура и люди", "kk": "Мәдениет және адамдар"}, {}),
    (30, {"en": "Sport", "ru": "Спорт", "kk": "Спорт"}, {}),
]


@transaction.atomic
def demo_schedule_load(*, now: datetime | None = None, zone: ZoneInfo) -> int:
    """Programmes from the start of `now`'s day (in `zone`) to the end of the next, in
    every edition's schedule; the number made."""
    moment = now or timezone.now()
    day = timezone.localtime(moment, zone).date()
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = start + timedelta(days=2)
    Programme.objects.filter(starts_at__lt=end, ends_at__gt=start).delete()
    made = []
    for offset, language in enumerate(ARTICLE_LANGUAGES):
        at = start
        index = offset  # each edition's day in its own order
        while at < end:
            minutes, titles, descriptions = PROGRAMMES[index % len(PROGRAMMES)]
            ends = min(at + timedelta(minutes=minutes), end)
            made.append(
                Programme(
                    edition=language,
                    starts_at=at,
                    ends_at=ends,
                    **{f"title_{code}": text for code, text in titles.items()},
                    **{f"description_{code}": text for code, text in descriptions.items()},
                )
            )
            at, index = ends, index + 1
    # Made back to back, so none overlaps; bulk_create sends no post_save.
    Programme.objects.bulk_create(made)
    forget_schedule()
    return len(made)
