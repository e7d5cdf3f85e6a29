"""Relevant news against a reader's labels: precision of the five stories under each story.

    make bench                                  # runs this among the others
    .venv/bin/python benchmarks/related.py [--misses]

Loads the demo edition into a throwaway SQLite database in a temporary folder (about 20
seconds; its relevant news is found as it would be after `make demo`), then, for every
reference story in each language, compares what the article page shows under it
(`related.relevant_news`: the kept relevant stories, then the section's previous ones)
and, apart, the kept `RelatedStories.story_ids` alone, with the stories
benchmarks/related_labels.toml calls related to it. Precision@5 is the share of the five
that are labelled related; the best a story can score is its labels' count over five, at
most 1. Stories with no labelled story in their language are listed and left out of the
means. `--misses` also prints each story's distinctive terms and its five, marked.
"""

import argparse
import io
import os
import platform
import re
import shutil
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["NEWSDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="newsdesk-related-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from newsdesk.content.models import Article  # noqa: E402
from newsdesk.demo import generated  # noqa: E402
from newsdesk.demo.loader import LANGUAGE, TRANSLATED_INTO, read_reference  # noqa: E402
from newsdesk.search import related  # noqa: E402
from newsdesk.search.models import RelatedStories, SearchDocument  # noqa: E402

LABELS = Path(__file__).resolve().parent / "related_labels.toml"
LANGUAGES = (LANGUAGE, *TRANSLATED_INTO)
GENERATED_NUMBER = re.compile(rf"^{generated.MARKER} no\. (\d+) ")


def demo_ids() -> dict[str, dict[str, int]]:
    """Language -> the labels' names ("who", "generated-12") -> the article's id in this load."""
    ids: dict[str, dict[str, int]] = {language: {} for language in LANGUAGES}
    for item in read_reference()["article"]:
        original = Article.objects.get(language=LANGUAGE, title=item["title"])
        for article in Article.objects.filter(translation_group=original.translation_group):
            ids[article.language][item["key"]] = article.pk
    for pk, lead in Article.objects.filter(language=LANGUAGE, lead__startswith=generated.MARKER).values_list(
        "pk", "lead"
    ):
        match = GENERATED_NUMBER.match(lead)
        if match:
            ids[LANGUAGE][f"generated-{match.group(1)}"] = pk
    return ids


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true", help="print each story's terms and five, marked")
    args = parser.parse_args()
    try:
        call_command("migrate", verbosity=0)
        call_command("load_demo", no_stream=True, stdout=io.StringIO())
        report(args.misses)
    finally:
        shutil.rmtree(os.environ["NEWSDESK_DATA_DIR"], ignore_errors=True)


@dataclass
class Row:
    key: str
    language: str
    labels: int  # labelled stories in this language
    from_index: int  # of the five shown, how many the index found (the rest: the section's previous)
    hits: int  # of the five shown, how many are labelled related
    index_hits: int  # of the kept ids' first five, how many are labelled related


def measure(key: str, language: str, names: list[str], ids: dict[str, int], limit: int) -> tuple[Row, str]:
    """One story's row, and its distinctive terms and five, marked, for --misses."""
    article = Article.objects.get(pk=ids[key])
    wanted = {ids[name] for name in names if name in ids}
    row = RelatedStories.objects.filter(article_id=article.pk).values_list("story_ids", flat=True).first()
    kept = (row or [])[:limit]
    shown = [teaser.pk for teaser in related.relevant_news(article=article, limit=limit)]
    result = Row(
        key=key,
        language=language,
        labels=len(wanted),
        from_index=sum(1 for pk in shown if pk in kept),
        hits=len(set(shown) & wanted),
        index_hits=len(set(kept) & wanted),
    )
    label = {pk: name for name, pk in ids.items()}
    terms = " ".join(related.distinctive_terms(SearchDocument.objects.get(article_id=article.pk)))
    marks = [("+" if pk in wanted else "-") + ("" if pk in kept else " (section)") + f" {label[pk]}" for pk in shown]
    return result, f"{key} {language}: {terms}\n    " + "\n    ".join(marks)


def report(misses: bool) -> None:
    limit = settings.NEWSDESK["RELEVANT_NEWS"]
    labels = tomllib.loads(LABELS.read_text())["related"]
    ids = demo_ids()
    unknown = {name for names in labels.values() for name in names} - set(ids[LANGUAGE])
    if unknown:
        sys.exit(f"Labels name stories the demo does not have: {sorted(unknown)}")
    print(
        f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · {connection.vendor} · "
        f"{Article.objects.count()} articles · top {limit} · related.py: {related.DISTINCTIVE_TERMS} terms, "
        f"common share {related.COMMON_SHARE}, relevant share {related.RELEVANT_SHARE}, "
        f"half-life {related.CLOSENESS_HALF_LIFE_DAYS:g} days"
    )
    print(
        f"{'story':<20} {'lang':<4} {'labels':>6} {'index':>5} {'section':>7} {'P@5':>5} {'index P@5':>9} {'best':>5}"
    )
    rows, details = [], []
    for key, names in labels.items():
        for language in LANGUAGES:
            row, detail = measure(key, language, names, ids[language], limit)
            rows.append(row)
            details.append(detail)
            line = f"{key:<20} {language:<4} {row.labels:>6} {row.from_index:>5} {limit - row.from_index:>7}"
            if row.labels:
                best = min(row.labels, limit)
                print(f"{line} {row.hits / limit:>5.2f} {row.index_hits / limit:>9.2f} {best / limit:>5.2f}")
            else:
                print(f"{line} {'-':>5} {'-':>9} {'-':>5}")
    print()
    print(f"{'mean over labelled stories':<26} {'stories':>7} {'index':>5} {'section':>7} {'P@5':>5} {'index P@5':>9} "
          f"{'best':>5} {'index picks related':>19}")  # fmt: skip
    for name in [*LANGUAGES, "all"]:
        chosen = [r for r in rows if r.labels and name in (r.language, "all")]
        n, picks = len(chosen), sum(r.from_index for r in chosen)
        print(
            f"{name:<26} {n:>7} {sum(r.from_index for r in chosen) / n:>5.2f} "
            f"{sum(limit - r.from_index for r in chosen) / n:>7.2f} {sum(r.hits for r in chosen) / n / limit:>5.2f} "
            f"{sum(r.index_hits for r in chosen) / n / limit:>9.2f} "
            f"{sum(min(r.labels, limit) for r in chosen) / n / limit:>5.2f} "
            f"{sum(r.index_hits for r in chosen) / picks if picks else 0:>19.2f}"
        )
    unlabelled = [r for r in rows if not r.labels]
    print(
        f"No labelled story in their language (left out of the means): {len(unlabelled)}, showing "
        f"{sum(r.from_index for r in unlabelled)} of their {limit * len(unlabelled)} from the index: "
        + ", ".join(f"{r.key} ({r.language})" for r in unlabelled)
    )
    if misses:
        print("\nDistinctive terms, then the five shown: + labelled related, - not; (section) from the fallback")
        print("\n".join(details))


if __name__ == "__main__":
    main()
