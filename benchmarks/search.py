"""Search at a million articles: readers' queries and the desk's, in process.

    make bench-data                       # once: a million articles in var/bench
    .venv/bin/python benchmarks/search.py [--runs 200]

On the archive of `make bench-data` (NEWSDESK_DATA_DIR, var/bench, or DATABASE_URL), whose
stories are drawn from a Zipf-distributed vocabulary per language (bench_data.vocabulary).
Times `search_stories` as the search page calls it (the engine's newest 1000 matches,
ranked, a page of 20 with highlighted titles and passages) for
- a word of mid frequency (in 0.1 to 1 % of the language's stories),
- three such words (all must match),
- a very common word (in most stories), by relevance, by date, and its second page,
in en, ru and kk, each run with another word of the same class (so no run reads the pages
or plan the one before it left), and `desk_search` (every language, any status) for a
rare word (in fewer than 0.1 % of its language's stories). Prints how many stories the
words of each class are in, the median and p99 in ms, and the index's size; figures go to
docs/performance.md.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
if "DATABASE_URL" not in os.environ:
    os.environ.setdefault("NEWSDESK_DATA_DIR", str(ROOT / "var" / "bench"))
    if not (Path(os.environ["NEWSDESK_DATA_DIR"]) / "newsdesk.sqlite3").exists():
        sys.exit("No archive: run `make bench-data` first.")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from newsdesk.demo.management.commands.bench_data import LANGUAGES, vocabulary  # noqa: E402
from newsdesk.search import analysis  # noqa: E402
from newsdesk.search.engines import DOCUMENTS, PostgresEngine, SqliteEngine, engine  # noqa: E402
from newsdesk.search.queries import Order, desk_search, search_stories  # noqa: E402

MID = (0.001, 0.01)  # a mid-frequency word's share of its language's stories
COMMON = 0.5  # a very common word is in more than this share
RARE = 0.001  # a rare word in fewer
WARM_UP = 5


def documents(language: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {DOCUMENTS} WHERE language = %s", [language])  # noqa: S608
        return cursor.fetchone()[0]


def matching(language: str, text: str) -> int:
    """How many of `language`'s stories (any status) match `text`, as the engine reads it."""
    query = analysis.query(text, language)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT count(*) FROM {DOCUMENTS} d WHERE d.language = %s"  # noqa: S608
                f" AND {PostgresEngine.vector(language)} @@ CAST(%s AS tsquery)",
                [language, PostgresEngine.expression(query)],
            )
        else:
            table = SqliteEngine.table(language)
            cursor.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH %s", [SqliteEngine.expression(query)])  # noqa: S608
        return cursor.fetchone()[0]


def words_of_class(
    language: str, ranks: range, share: Callable[[float], bool], total: int, want: int, rng: random.Random
) -> list[tuple[str, int]]:
    """Up to `want` words of `language` among `ranks` (of the vocabulary, most frequent
    first) whose share of the stories passes `share`: (word, stories)."""
    candidates = vocabulary(language)[ranks.start : ranks.stop]
    rng.shuffle(candidates)
    found = []
    for word in candidates:
        if not analysis.query(word, language):
            continue  # a generated word that is a stop word
        count = matching(language, word)
        if share(count / total):
            found.append((word, count))
            if len(found) == want:
                break
    return found


def timed(calls: list[Callable[[], object]]) -> dict:
    for call in calls[:WARM_UP]:
        call()
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"median": statistics.median(samples), "p99": samples[max(0, int(len(samples) * 0.99) - 1)]}


def spread(counts: list[int], total: int) -> str:
    counts = sorted(counts)
    middle = counts[len(counts) // 2]
    return f"{counts[0]:,}–{counts[-1]:,} (median {middle:,}, {100 * middle / total:.2g} %)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200, help="searches per line, each with other words")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    args = parser.parse_args()
    rng = random.Random(2026)

    def search(language: str, text: str, **options: object) -> Callable[[], object]:
        return lambda: search_stories(text=text, language=language, script=str, **options)

    rows = []
    total_documents = 0
    for language in args.languages.split(","):
        total = documents(language)
        total_documents += total
        size = len(vocabulary(language))
        mid = words_of_class(language, range(500, size), lambda s: MID[0] <= s <= MID[1], total, args.runs * 2, rng)
        common = words_of_class(language, range(0, 40), lambda s: s > COMMON, total, args.runs, rng)
        if len(mid) < args.runs * 2 or not common:
            sys.exit(f"{language}: too few words of a class ({len(mid)} mid, {len(common)} common)")
        singles, others = mid[: args.runs], [word for word, _ in mid[args.runs :]]
        triple_texts = [" ".join(rng.sample(others, 3)) for _ in range(args.runs)]
        commons = [common[n % len(common)] for n in range(args.runs)]
        lines = [
            ("one word, mid frequency", [c for _, c in singles], [search(language, w) for w, _ in singles]),
            (
                "three words, all",
                [matching(language, text) for text in triple_texts],
                [search(language, text) for text in triple_texts],
            ),
            ("very common word", [c for _, c in commons], [search(language, w) for w, _ in commons]),
            (
                "very common, by date",
                [c for _, c in commons],
                [search(language, w, order=Order.DATE) for w, _ in commons],
            ),
            ("very common, page 2", [c for _, c in commons], [search(language, w, page=2) for w, _ in commons]),
        ]
        for name, counts, calls in lines:
            rows.append((f"{language}: {name}", spread(counts, total), timed(calls)))
            print(f"  {rows[-1][0]} done", file=sys.stderr)
    rare = []
    for language in args.languages.split(","):
        total = documents(language)
        size = len(vocabulary(language))
        rare += words_of_class(language, range(size // 2, size), lambda s: 0 < s < RARE, total, args.runs, rng)
    rng.shuffle(rare)
    rare = rare[: args.runs]
    rows.append(
        (
            "desk: rare word, every language",
            spread([c for _, c in rare], total_documents // len(args.languages.split(","))),
            timed([lambda word=word: desk_search(word) for word, _ in rare]),
        )
    )
    index = engine().size()
    print(
        f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · {connection.vendor}: {total_documents:,} documents, the index "
        + (f"{index / 1e6:,.0f} MB" if index else "of unknown size")
        + f"; {args.runs} searches a line"
    )
    print(f"{'':<36} {'stories the words are in':<42} {'median ms':>10} {'p99 ms':>8}")
    for name, counts, figures in rows:
        print(f"{name:<36} {counts:<42} {figures['median']:>10.2f} {figures['p99']:>8.1f}")


if __name__ == "__main__":
    main()
