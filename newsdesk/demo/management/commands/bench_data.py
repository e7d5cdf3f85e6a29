"""A realistic archive for benchmarks: a million articles over ten years, 100 million views.

    make bench-data                                  # into var/bench (SQLite)
    DATABASE_URL=postgres://… make bench-data        # into PostgreSQL
    python manage.py bench_data --articles 10000     # a smaller one, for comparison

Three languages, seven sections, sources, tags, photos (rows pointing to one shared
file: nothing is rendered), view totals adding up to the requested number, daily rows,
and hourly rows for the last month. Rows go in by plain batched INSERTs (SQLite) or
COPY (PostgreSQL); a progress line shows how far it is.

The stories' text is made for search to be measured on (benchmarks/search.py): per
language a vocabulary of the twelve topical words among generated word-like tokens in the
language's alphabet, words drawn by Zipf's law (s = 1) as in real text, so a few words are
in most stories, most words in a few; a title of about eight words, a lead of about twenty,
two or three paragraphs of body, 100 to 150 words in all. Seeded: the same archive each
time. The search index is built at the end (`index_rebuild`, bulk mode). Relevant news is
not computed for the archive (one search per story, hours at a million): the article
pages fall back to the section's previous stories, as they do for any story without it.
"""

import itertools
import math
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from newsdesk.content.models import Article
from newsdesk.lib.progress import Progress
from newsdesk.partners.versions import versions_backfill
from newsdesk.search.engines import engine
from newsdesk.search.index import index_rebuild
from newsdesk.syndication.archive import archive_days_rebuild

LANGUAGES = ("en", "ru", "kk")

# A row as the database driver takes it, and how a datetime is given to the driver.
Row = tuple[Any, ...]
ToDatabase = Callable[[datetime], object]

WORDS = {
    "en": [
        "agency",
        "minister",
        "region",
        "summit",
        "budget",
        "energy",
        "grain",
        "railway",
        "festival",
        "court",
        "winter",
        "science",
    ],
    "ru": [
        "агентство",
        "министр",
        "регион",
        "саммит",
        "бюджет",
        "энергия",
        "зерно",
        "железная",
        "фестиваль",
        "суд",
        "зима",
        "наука",
    ],
    "kk": [
        "агенттік",
        "министр",
        "өңір",
        "саммит",
        "бюджет",
        "энергия",
        "астық",
        "теміржол",
        "фестиваль",
        "сот",
        "қыс",
        "ғылым",
    ],
}

# The generated words: syllables of each language's alphabet, consonant + vowel, some
# closed by a consonant. Kazakh has its own letters besides the Russian ones.
_SYLLABLES = {
    "en": ("bcdfghjklmnprstvwz", "aeiouy", "nrstlmk"),
    "ru": ("бвгджзклмнпрстфхцчш", "аеиоуыяю", "нрслмктв"),
    "kk": ("бғджзйқклмнпрстш", "аәеиоөұүыі", "нрлмқктңз"),
}
VOCABULARY_SIZE = 30_000  # per language, the topical words included
# Where the topical words stand in the ranking by frequency: each in about half the stories.
TOPICAL_RANKS = range(10, 130, 10)
ZIPF_S = 1.0


def vocabulary(language: str, size: int = VOCABULARY_SIZE) -> list[str]:
    """`language`'s words, the most frequent first: generated tokens (shorter ones more
    frequent, as in real text) with the topical words at TOPICAL_RANKS. Deterministic."""
    rng = random.Random(f"vocabulary-{language}")
    onsets, vowels, codas = (list(letters) for letters in _SYLLABLES[language])
    topical = WORDS[language]
    words: dict[str, float] = {}  # in the order made (a set's order changes between runs), to a noisy length
    while len(words) < size - len(topical):
        syllables = rng.choice((1, 2, 2, 3, 3, 3, 4))
        word = "".join(
            rng.choice(onsets) + rng.choice(vowels) + (rng.choice(codas) if rng.random() < 0.3 else "")
            for _ in range(syllables)
        )
        if len(word) > 2 and word not in topical and word not in words:
            words[word] = len(word) + rng.random() * 4
    ranked = sorted(words, key=words.__getitem__)
    for rank, word in zip(TOPICAL_RANKS, topical, strict=False):
        ranked.insert(rank - 1, word)
    return ranked


def zipf_weights(size: int, s: float = ZIPF_S) -> list[float]:
    """Cumulative weights of ranks 1..size under Zipf's law, for `random.choices`."""
    total, cumulative = 0.0, []
    for rank in range(1, size + 1):
        total += 1 / rank**s
        cumulative.append(total)
    return cumulative


class Texts:
    """Titles, leads and bodies of one language, drawn from its vocabulary."""

    def __init__(self, language: str, rng: random.Random) -> None:
        self.words, self.rng = vocabulary(language), rng
        self.cumulative = zipf_weights(len(self.words))

    def draw(self, count: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def sentences(self, words: list[str]) -> str:
        out, at = [], 0
        while at < len(words):
            length = self.rng.randint(6, 14)
            sentence = words[at : at + length]
            out.append(sentence[0].capitalize() + " " + " ".join(sentence[1:]) + ".")
            at += length
        return " ".join(out)

    def story(self, n: int) -> tuple[str, str, str]:
        """(title, lead, body HTML) of story `n`."""
        rng = self.rng
        title = " ".join(self.draw(rng.randint(6, 10))).capitalize() + f" {n}"
        lead = self.sentences(self.draw(rng.randint(16, 24)))
        paragraphs = rng.choice((2, 3, 3))
        words = self.draw(rng.randint(100, 150))
        cut = [len(words) * p // paragraphs for p in range(paragraphs + 1)]
        body = "".join(f"<p>{self.sentences(words[a:b])}</p>" for a, b in itertools.pairwise(cut))
        return title, lead, body


def insert_rows(
    table: str, columns: list[str], rows: Iterable[Row], total: int, label: str, batch: int = 20_000
) -> None:
    """Insert an iterable of rows fast: COPY on PostgreSQL, batched executemany on SQLite."""
    progress = Progress(label, total)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for n, row in enumerate(rows, start=1):
                    copy.write_row(row)
                    if n % batch == 0:
                        progress.add(batch)
            progress.add(total - progress.done)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == batch:
                cursor.executemany(sql, chunk)
                progress.add(len(chunk))
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
        progress.add(total - progress.done)


class Command(BaseCommand):
    help = "Fill an empty database with a benchmark archive (a million articles by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=1_000_000)
        parser.add_argument("--views", type=int, default=100_000_000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument(
            "--days", type=int, default=None, help="Spread the articles over this many days instead of --years."
        )

    def handle(self, *args: Any, articles: int, views: int, years: int, days: int | None, **options: Any) -> None:
        if Article.objects.exists():
            raise CommandError("The database has articles already: bench data goes into an empty one.")
        started = time.monotonic()
        rng = random.Random(2026)
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        when = connection.ops.adapt_datetimefield_value
        with transaction.atomic():
            sections, sources, photos, tags = self._reference_data()
            span = (days if days else years * 365) * 24 * 3600
            # Newer articles are denser: agencies publish more every year.
            published = [now - timedelta(seconds=int(span * (1 - (1 - n / articles) ** 0.7))) for n in range(articles)]
            published.sort()
            insert_rows(
                "content_article",
                ["id", "language", "translation_group", "status", "title", "slug", "lead", "body", "section_id",
                 "source_id", "photo_id", "is_breaking", "published_at", "version", "created_at", "updated_at"],
                self._articles(rng, published, sections, sources, photos, when),
                articles,
                "articles",
            )  # fmt: skip
            insert_rows(
                "content_article_tags",
                ["article_id", "tag_id"],
                ((n, tag) for n in range(1, articles + 1) for tag in rng.sample(tags[LANGUAGES[n % 3]], 2)),
                articles * 2,
                "article tags",
            )
            weights = [1 / (rank**0.8) for rank in range(1, articles + 1)]
            rng.shuffle(weights)
            scale = views / sum(weights)
            totals = [max(1, int(w * scale)) for w in weights]
            insert_rows(
                "audience_viewtotal", ["article_id", "views"], ((n + 1, totals[n]) for n in range(articles)),
                articles, "view totals",
            )  # fmt: skip
            insert_rows(
                "audience_viewday",
                ["article_id", "day", "views"],
                self._days(published, totals),
                articles * 2,
                "daily views",
            )
            recent = [n for n in range(articles) if published[n] > now - timedelta(days=30)]
            insert_rows(
                "audience_viewhour",
                ["article_id", "hour", "views"],
                self._hours(published, totals, recent, now, when),
                len(recent) * 24,
                "hourly views",
            )
            self._reset_sequences()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        counted = time.monotonic()
        archive_days = archive_days_rebuild()  # the sitemaps' per-day counts: one GROUP BY
        took = time.monotonic() - counted
        self.stdout.write(f"{archive_days:,} archive days counted for the sitemaps in {took:.1f} s.")
        counted = time.monotonic()
        versions = versions_backfill(batch=2000)  # the partner API's first version of each story
        self.stdout.write(f"{versions:,} item versions for the partner API in {time.monotonic() - counted:.0f} s.")
        counted = time.monotonic()
        indexed = index_rebuild(progress=Progress("search index", 0).update, batch=2000, bulk=True)
        size = engine().size()
        self.stdout.write(
            f"{indexed:,} stories in the search index in {time.monotonic() - counted:.0f} s"
            + (f"; it takes {size / 1e6:,.0f} MB." if size else ".")
        )
        stored = sum(totals)
        spread = f"{days} days" if days else f"{years} years"
        self.stdout.write(
            f"{articles:,} articles, {stored:,} views, over {spread}, in {time.monotonic() - started:.0f} s "
            f"({connection.vendor})."
        )

    def _reference_data(self) -> tuple[list[int], list[int], list[int], dict[str, list[int]]]:
        with connection.cursor() as cursor:
            names = ["Politics", "Economy", "Society", "Culture", "World", "Science", "Sport"]
            for position, name in enumerate(names):
                cursor.execute(
                    "INSERT INTO content_section (slug, name_en, name_ru, name_kk, position, is_in_menu) "
                    "VALUES (%s, %s, %s, %s, %s, %s)",
                    [name.lower(), name, "", "", position, True],
                )
            cursor.execute("SELECT id FROM content_section ORDER BY id")
            sections = [row[0] for row in cursor.fetchall()]
            for n in range(50):
                cursor.execute(
                    "INSERT INTO content_source (name_en, name_ru, name_kk, url) VALUES (%s, '', '', %s)",
                    [f"Source {n}", f"https://source{n}.example"],
                )
            cursor.execute("SELECT id FROM content_source ORDER BY id")
            sources = [row[0] for row in cursor.fetchall()]
            stamp = connection.ops.adapt_datetimefield_value(datetime.now(UTC))
            cursor.executemany(
                "INSERT INTO content_photo (file, width, height, alt_text, caption, credit, licence, renditions, "
                "created_at) VALUES (%s, 1200, 675, %s, '', 'Newsdesk bench', '', '[]', %s)",
                [("bench/photo.jpg", f"Photo {n}", stamp) for n in range(10_000)],
            )
            cursor.execute("SELECT id FROM content_photo ORDER BY id")
            photos = [row[0] for row in cursor.fetchall()]
            tags = {}
            for language in LANGUAGES:
                cursor.executemany(
                    "INSERT INTO content_tag (language, name, slug) VALUES (%s, %s, %s)",
                    [(language, f"{WORDS[language][n % 12]} {n}", f"tag-{n}") for n in range(1000)],
                )
                cursor.execute("SELECT id FROM content_tag WHERE language = %s", [language])
                tags[language] = [row[0] for row in cursor.fetchall()]
        return sections, sources, photos, tags

    def _articles(
        self,
        rng: random.Random,
        published: list[datetime],
        sections: list[int],
        sources: list[int],
        photos: list[int],
        when: ToDatabase,
    ) -> Iterator[Row]:
        texts = {language: Texts(language, random.Random(f"{rng.random()}-{language}")) for language in LANGUAGES}
        for n, at in enumerate(published, start=1):
            language = LANGUAGES[n % 3]
            title, lead, body = texts[language].story(n)
            yield (
                n, language, uuid.uuid4().hex if connection.vendor == "sqlite" else uuid.uuid4(), "published",
                title, f"story-{n}", lead, body,
                sections[n % len(sections)], sources[n % len(sources)] if n % 3 else None,
                photos[n % len(photos)] if n % 10 < 3 else None, False, when(at), 1, when(at), when(at),
            )  # fmt: skip

    def _days(self, published: list[datetime], totals: list[int]) -> Iterator[tuple[int, date, int]]:
        for n, at in enumerate(published):
            first = at.date()
            share = math.ceil(totals[n] * 0.7)
            yield (n + 1, first, share)
            yield (n + 1, first + timedelta(days=1), totals[n] - share)

    def _hours(
        self, published: list[datetime], totals: list[int], recent: list[int], now: datetime, when: ToDatabase
    ) -> Iterator[Row]:
        for n in recent:
            start = published[n].replace(minute=0)
            hours = [start + timedelta(hours=h) for h in range(24) if start + timedelta(hours=h) <= now]
            for index, hour in enumerate(hours):
                yield (n + 1, when(hour), max(1, totals[n] // (2 ** (index + 1))))

    def _reset_sequences(self) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('content_article', 'id'), MAX(id)) FROM content_article"
                )
