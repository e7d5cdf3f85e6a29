"""Plausible hourly histories of views for the demo's reference articles.

The reference page gives each article a lifetime count and ranks fifteen of them in
Most viewed lists. Newsdesk ranks by the views received inside each window (last
24 hours, 7 days, 30 days), counted in hourly buckets. This module spreads each
article's count over the hours from its publication to the moment of the load, with
the shape news readership has (a burst in the first hours, a long tail, quiet
nights), and then moves views between the parts of an article's life that fall
before and inside each window, just enough that rankings computed from the history
reproduce the page's lists whatever the time of day of the load.

Pure functions over plain data; `demo.loader` writes the result.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from newsdesk.audience.selectors import RANKING_WINDOWS, window_start

HOUR = timedelta(hours=1)
# Ranked articles stay at least this many views apart, and ahead of the rest.
MARGIN = 3


class HistoryError(Exception):
    """The page's lists cannot be reproduced from these counts (a data error)."""


@dataclass
class ArticleViews:
    key: str
    published_at: datetime
    views: int
    article_id: int = 0
    buckets: list[datetime] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    hourly: list[int] = field(default_factory=list)


def _floor_hour(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def base_shape(published_at: datetime, now: datetime, zone: ZoneInfo) -> tuple[list[datetime], list[float]]:
    """Hourly buckets from publication to `now` and the natural share of views in each."""
    buckets, weights = [], []
    hour = _floor_hour(published_at)
    while hour <= now:
        online = (min(hour + HOUR, now) - max(hour, published_at)) / HOUR
        if online > 0:
            age = max(0.0, (hour + HOUR / 2 - published_at) / HOUR)
            burst_and_tail = math.exp(-age / 10) + 0.08 * math.exp(-age / 96)
            local_hour = hour.astimezone(zone).hour
            # Readers are fewest around 4 a.m. and most around 4 p.m. local time.
            daily_rhythm = 0.3 + 0.7 * math.sin(math.pi * (local_hour - 4) / 24) ** 2
            buckets.append(hour)
            weights.append(online * burst_and_tail * daily_rhythm)
        hour += HOUR
    return buckets, weights


def _window_views(article: ArticleViews, start: datetime, values: Sequence[float]) -> float:
    return sum(v for b, v in zip(article.buckets, values, strict=True) if b >= start)


def _choose_targets(
    articles: list[ArticleViews], natural: dict[str, float], fixed: dict[str, bool], ranked: list[str]
) -> dict[str, float]:
    """Views inside one window for every article, so that `ranked` are its top, in order.

    `natural` is what the plain shape gives; `fixed` says an article lies wholly inside
    the window, so its window views are its lifetime views and cannot move.
    """
    by_key = {a.key: a for a in articles}
    others = [a.key for a in articles if a.key not in ranked]
    floor = max((natural[k] for k in others if fixed[k]), default=0.0)

    caps: list[float] = []
    for position, key in enumerate(ranked):
        cap = float(by_key[key].views)
        if position:
            cap = min(cap, caps[-1] - MARGIN)
        caps.append(cap)

    targets: dict[str, float] = {}
    need = floor + MARGIN
    for position in range(len(ranked) - 1, -1, -1):
        key = ranked[position]
        value = natural[key] if fixed[key] else min(max(natural[key], need), caps[position])
        if value < need:
            raise HistoryError(f"{key} cannot be ranked {position + 1}: {value:.0f} < {need:.0f}")
        targets[key] = value
        need = value + MARGIN

    ceiling = targets[ranked[-1]] - MARGIN
    for key in others:
        targets[key] = natural[key] if fixed[key] else min(natural[key], ceiling)
    return targets


def _integer_split(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights`, by largest remainder, summing exactly."""
    weight_sum = sum(weights)
    if total == 0 or weight_sum <= 0:
        return [0] * len(weights)
    exact = [total * w / weight_sum for w in weights]
    parts = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def build_histories(
    articles: list[ArticleViews], rankings: dict[str, list[str]], now: datetime, zone: ZoneInfo
) -> list[ArticleViews]:
    """Fill `hourly` of every article so that rankings at `now` reproduce `rankings`.

    `rankings` maps a window key ("day", "week", "month") to the expected keys in order.
    """
    starts = {w.key: window_start(now=now, hours=w.hours) for w in RANKING_WINDOWS}
    # Longest window first: segment 0 lies before the month, 3 inside the day.
    ordered = sorted(RANKING_WINDOWS, key=lambda w: -w.hours)
    edges = [starts[w.key] for w in ordered]
    for article in articles:
        article.buckets, shape = base_shape(article.published_at, now, zone)
        total = sum(shape)
        article.weights = [article.views * w / total for w in shape]

    targets: dict[str, dict[str, float]] = {}
    for window in ordered:
        start = starts[window.key]
        natural = {a.key: _window_views(a, start, a.weights) for a in articles}
        fixed = {a.key: a.buckets[0] >= start for a in articles}
        targets[window.key] = _choose_targets(articles, natural, fixed, rankings[window.key])

    for article in articles:
        # Views inside each window, nested: day <= week <= month <= lifetime.
        inside = [float(article.views)]
        for window in ordered:
            inside.append(min(inside[-1], targets[window.key][article.key]))
        segment_mass = [round(inside[i]) - round(inside[i + 1]) for i in range(len(ordered))]
        segment_mass.append(round(inside[-1]))
        article.hourly = [0] * len(article.buckets)
        for segment, mass in enumerate(segment_mass):
            indexes = [i for i, b in enumerate(article.buckets) if _segment_of(b, edges) == segment]
            if mass and not indexes:
                raise HistoryError(f"{article.key} has views but no hours in segment {segment}")
            parts = _integer_split(mass, [article.weights[i] for i in indexes])
            for i, part in zip(indexes, parts, strict=True):
                article.hourly[i] = part

    _check(articles, rankings, starts)
    return articles


def _segment_of(bucket: datetime, edges: list[datetime]) -> int:
    return sum(1 for edge in edges if bucket >= edge)


def rank(articles: list[ArticleViews], start: datetime, limit: int) -> list[str]:
    """The top `limit` keys by views in buckets from `start` on, as the site ranks them."""
    scored = [(_window_views(a, start, a.hourly), a.key) for a in articles]
    scored.sort(key=lambda item: -item[0])
    return [key for _views, key in scored[:limit]]


def _check(articles: list[ArticleViews], rankings: dict[str, list[str]], starts: dict[str, datetime]) -> None:
    for article in articles:
        if sum(article.hourly) != article.views or min(article.hourly, default=0) < 0:
            raise HistoryError(f"{article.key}: history does not add up to {article.views}")
    for window_key, expected in rankings.items():
        got = rank(articles, starts[window_key], len(expected))
        if got != expected:
            raise HistoryError(f"{window_key} ranking would be {got}, not {expected}")
