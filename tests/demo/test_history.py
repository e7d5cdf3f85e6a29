from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from newsdesk.audience.selectors import RANKING_WINDOWS, window_start
from newsdesk.demo.history import ArticleViews, HistoryError, build_histories, rank
from newsdesk.demo.loader import read_reference, reference_time, shift_for

ALMATY = ZoneInfo("Asia/Almaty")
REFERENCE = read_reference()


def _articles(now: datetime) -> list[ArticleViews]:
    shift = shift_for(reference_date=date.fromisoformat(REFERENCE["reference_date"]), now=now, zone=ALMATY)
    return [
        ArticleViews(key=item["key"], published_at=reference_time(item, ALMATY, shift), views=item["views"])
        for item in REFERENCE["article"]
    ]


# Loads at different times of day move the windows' edges across the articles'
# first hours; the page's lists must come out whatever the hour.
@pytest.mark.parametrize(
    "minute_of_day",
    [0, 59, 8 * 60 + 41, 11 * 60 + 50, 12 * 60 + 5, 15 * 60 + 1, 17 * 60 + 35, 20 * 60 + 31, 23 * 60 + 59],
)
def test_rankings_reproduce_the_page_at_any_time_of_day(minute_of_day):
    now = datetime.combine(date(2026, 11, 26), time(), tzinfo=ALMATY) + timedelta(minutes=minute_of_day)
    articles = build_histories(_articles(now), REFERENCE["most_viewed"], now, ALMATY)
    for window in RANKING_WINDOWS:
        assert rank(articles, window_start(now=now, hours=window.hours), 5) == REFERENCE["most_viewed"][window.key]
    for article in articles:
        assert sum(article.hourly) == article.views
        assert all(views >= 0 for views in article.hourly)
        assert article.buckets[-1] <= now and article.buckets[0] <= article.published_at


def test_histories_look_like_news_readership():
    now = datetime(2026, 11, 26, 9, 15, tzinfo=ALMATY)
    articles = {a.key: a for a in build_histories(_articles(now), REFERENCE["most_viewed"], now, ALMATY)}
    flares = articles["solar-flares"]
    first_day, last_day = sum(flares.hourly[:24]), sum(flares.hourly[-24:])
    assert first_day > 5 * last_day  # a burst first, a tail later
    nights = [v for b, v in zip(flares.buckets, flares.hourly, strict=True) if b.astimezone(ALMATY).hour == 4]
    afternoons = [v for b, v in zip(flares.buckets, flares.hourly, strict=True) if b.astimezone(ALMATY).hour == 16]
    assert sum(nights[1:]) < sum(afternoons[1:])


def test_lists_that_cannot_be_reproduced_are_an_error():
    now = datetime(2026, 11, 26, 9, 15, tzinfo=ALMATY)
    impossible = dict(REFERENCE["most_viewed"], month=["who", "istanbul", "wmo", "konya", "ilo"])
    with pytest.raises(HistoryError):
        build_histories(_articles(now), impossible, now, ALMATY)
