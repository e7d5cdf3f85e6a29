"""Wires at scale: 50 sources polled every minute and a day's 10,000 items, on one worker,
beside the view counts' flush.

    make bench                        # runs this among the others
    .venv/bin/python benchmarks/wires.py [--sources 50] [--baseline 60] [--steady 180]
    BENCH_WIRES_DATABASE_URL=postgres://…/bench_wires .venv/bin/python benchmarks/wires.py

It works in a database of its own: a new SQLite one in a temporary folder, or the
PostgreSQL database BENCH_WIRES_DATABASE_URL names, whose wire sources it replaces (never
DATABASE_URL's: `make bench` may be given the site's own).

A local server on 127.0.0.1 plays the other agencies: `--sources` feeds (RSS 2.0, Atom and
JSON Feed), each with its latest 30 items and no conditional answers (every poll reads and
parses the whole feed: the worst case), new items appearing at 10,000 a day across them.
The worker is `manage.py worker`, as deployed, with its database and Redis; meanwhile this
process counts views into Redis without pause, so every one of the worker's flushes has
views to write, and the flushes' times (`FlushLog`) show whether the wires delay them.

Three phases, one worker throughout:
1. baseline: the sources inactive; only the worker's own jobs and the flush;
2. steady: every source polled every minute, items arriving at 10,000 a day;
3. a day at once: each source's feed suddenly carries 200 new items (10,000 in all), every
   source due at once; how long until all are stored, and the flushes meanwhile.

For each: the flushes' gaps (end of one to the next; the job's beat is 2 s), the worker's
CPU time, the polls made, the items stored and, in the steady phase, how long an item took
from its publication on the feed to the Incoming desk.
"""

import argparse
import itertools
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["NEWSDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="newsdesk-wires-bench-")
os.environ.pop("DATABASE_URL", None)
if os.environ.get("BENCH_WIRES_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_WIRES_DATABASE_URL"]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ["CACHE_KEY_PREFIX"] = f"bench-wires-{uuid.uuid4().hex[:8]}"
os.environ["WIRES_ALLOW_PRIVATE"] = "1"  # the feeds are on this machine
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402 (after the environment it reads)

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from newsdesk.audience.counting import count_view  # noqa: E402
from newsdesk.audience.identity import Reader  # noqa: E402
from newsdesk.audience.models import FlushLog  # noqa: E402
from newsdesk.content.models import Article, Section, Source  # noqa: E402
from newsdesk.wires.models import WireFeed, WireItem, WireSource  # noqa: E402
from newsdesk.wires.polling import wires_poll_due  # noqa: E402

ITEMS_A_DAY = 10_000
FEED_LENGTH = 30
DAY_AT_ONCE = 200  # each source's share of a day, in one feed
# The words of the items' made-up sentences.
VOCABULARY = (
    "ministry agency government parliament minister region city economy energy budget export grain "
    "oil gas railway airport school hospital health water climate weather court police election "
    "council president delegation agreement visit forum investment bank price growth project road "
    "bridge border customs tourism culture theatre festival football championship"
)
WORDS = tuple(VOCABULARY.split())


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


class Agencies:
    """What the local server publishes: source s's item n appears at `start + (n * S + s) *
    spacing`, so that all sources together publish ITEMS_A_DAY a day; `burst()` adds each
    source's share of a day at once."""

    def __init__(self, sources: int) -> None:
        self.sources = sources
        self.spacing = 86_400 / ITEMS_A_DAY
        self.start = time.time() - FEED_LENGTH * sources * self.spacing  # every feed full from the start
        self.burst_at: float | None = None

    def items(self, source: int) -> list[tuple[str, float, str, str]]:
        """(guid, published, title, text) of the feed's latest items, newest first."""
        now = time.time()
        published = int((now - self.start) / self.spacing)  # items published by all sources
        newest = (published - source) // self.sources  # this source's newest number
        numbers = [(n, self.start + (n * self.sources + source) * self.spacing) for n in range(newest, -1, -1)]
        if self.burst_at is not None and now >= self.burst_at:
            numbers = [(1_000_000 + n, self.burst_at) for n in range(DAY_AT_ONCE - 1, -1, -1)] + numbers
        length = DAY_AT_ONCE if self.burst_at is not None and now >= self.burst_at else FEED_LENGTH
        out = []
        for n, at in numbers[:length]:
            rng = random.Random(source * 10_000_000 + n)
            body = " ".join(sentence(rng, rng.randint(12, 20)) for _ in range(rng.randint(6, 10)))
            out.append((f"bench-{source}-{n}", at, sentence(rng, rng.randint(6, 10)), body))
        return out

    def document(self, source: int) -> tuple[bytes, str]:
        kind = ("rss", "rss", "rss", "rss", "rss", "rss", "rss", "atom", "atom", "json")[source % 10]
        items = self.items(source)
        if kind == "json":
            feed = {
                "version": "https://jsonfeed.org/version/1.1",
                "title": f"Agency {source}",
                "items": [
                    {
                        "id": guid,
                        "url": f"http://127.0.0.1/{guid}",
                        "title": title,
                        "content_text": text,
                        "date_published": datetime.fromtimestamp(at, UTC).isoformat(),
                    }
                    for guid, at, title, text in items
                ],
            }
            return json.dumps(feed).encode(), "application/feed+json"
        if kind == "atom":
            entries = "".join(
                f"<entry><id>urn:bench:{guid}</id><title>{escape(title)}</title>"
                f"<updated>{datetime.fromtimestamp(at, UTC).isoformat()}</updated>"
                f'<link href="http://127.0.0.1/{guid}"/><summary>{escape(text)}</summary></entry>'
                for guid, at, title, text in items
            )
            return (
                f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<id>urn:bench:{source}</id><title>Agency {source}</title>"
                f"<updated>{datetime.now(UTC).isoformat()}</updated>{entries}</feed>"
            ).encode(), "application/atom+xml"
        entries = "".join(
            f'<item><guid isPermaLink="false">{guid}</guid><title>{escape(title)}</title>'
            f"<link>http://127.0.0.1/{guid}</link><description>{escape(text)}</description>"
            f"<pubDate>{format_datetime(datetime.fromtimestamp(at, UTC), usegmt=True)}</pubDate></item>"
            for guid, at, title, text in items
        )
        return (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Agency {source}</title>'
            f"<link>http://127.0.0.1/</link><description>bench</description>{entries}</channel></rss>"
        ).encode(), "application/rss+xml"


def feed_server(agencies: Agencies) -> tuple[ThreadingHTTPServer, dict[str, int]]:
    served = {"polls": 0, "bytes": 0}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            try:
                source = int(self.path.strip("/").split("/")[-1].split(".")[0])
            except ValueError:
                self.send_error(404)
                return
            body, content_type = agencies.document(source)
            with lock:
                served["polls"] += 1
                served["bytes"] += len(body)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, served


class Viewers(threading.Thread):
    """Views counted into Redis all along, each by a reader of its own, so every flush has work."""

    def __init__(self, article_ids: list[int], per_second: int) -> None:
        super().__init__(daemon=True)
        self.article_ids, self.pause, self.stopping, self.counted = article_ids, 1 / per_second, False, 0

    def run(self) -> None:
        while not self.stopping:
            reader = Reader(today=uuid.uuid4().hex, yesterday=None, address=uuid.uuid4().hex, network=uuid.uuid4().hex)
            count_view(article_id=random.choice(self.article_ids), reader=reader)
            self.counted += 1
            time.sleep(self.pause)
        connection.close()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def gaps_since(since: datetime) -> list[float]:
    times = list(
        FlushLog.objects.filter(flushed_at__gte=since).order_by("flushed_at").values_list("flushed_at", flat=True)
    )
    return [(b - a).total_seconds() for a, b in itertools.pairwise(times)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def phase_report(
    name: str, *, since: datetime, worker: int, cpu_before: float, seconds: float, **extra: object
) -> dict:
    gaps = gaps_since(since)
    cpu = cpu_seconds(worker) - cpu_before
    row = {
        "phase": name,
        "seconds": round(seconds),
        "flushes": len(gaps) + 1 if gaps else 0,
        "gap_median": round(statistics.median(gaps), 2) if gaps else None,
        "gap_p99": round(percentile(gaps, 0.99), 2) if gaps else None,
        "gap_max": round(max(gaps), 2) if gaps else None,
        "worker_cpu": round(cpu / seconds * 100),
        **extra,
    }
    print(json.dumps(row), flush=True)
    return row


def setup(sources: int, url: str) -> list[int]:
    call_command("migrate", verbosity=0, interactive=False)
    WireSource.objects.all().delete()
    section, _ = Section.objects.get_or_create(slug="bench-wires", defaults={"name_en": "Bench"})
    source, _ = Source.objects.get_or_create(name_en="Bench agencies")
    articles = [
        Article.objects.create(language="en", title=f"Bench story {n}", body="<p>Bench.</p>", section=section).pk
        for n in range(20)
    ]
    for s in range(sources):
        wire = WireSource.objects.create(
            source=source, name=f"Agency {s}", language="en", poll_minutes=1, is_active=False
        )
        WireFeed.objects.create(wire=wire, url=f"{url}/feed/{s}.xml")
    # The feeds' items so far, read once as the worker's first polls would, so that the
    # steady phase measures the steady state.
    WireSource.objects.update(is_active=True)
    wires_poll_due()
    WireSource.objects.update(is_active=False)
    return articles


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--baseline", type=int, default=60, help="seconds without wires")
    parser.add_argument("--steady", type=int, default=180, help="seconds of every source polled every minute")
    parser.add_argument("--views", type=int, default=50, help="views counted a second throughout")
    args = parser.parse_args()

    agencies = Agencies(args.sources)
    server, served = feed_server(agencies)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    articles = setup(args.sources, url)
    viewers = Viewers(articles, args.views)
    viewers.start()
    worker = subprocess.Popen([sys.executable, "manage.py", "worker"], cwd=ROOT, env=os.environ.copy())
    try:
        time.sleep(5)  # the worker's imports and first beat
        since, cpu, began = timezone.now(), cpu_seconds(worker.pid), time.monotonic()
        time.sleep(args.baseline)
        phase_report("baseline", since=since, worker=worker.pid, cpu_before=cpu, seconds=time.monotonic() - began)

        served["polls"] = 0
        steady_from = timezone.now()
        WireSource.objects.update(is_active=True, next_poll_at=steady_from)
        since, cpu, began = timezone.now(), cpu_seconds(worker.pid), time.monotonic()
        time.sleep(args.steady)
        steady_to = timezone.now()
        new = WireItem.objects.filter(received_at__gte=steady_from, published_at__gte=steady_from)
        delays = [
            (received - published).total_seconds()
            for received, published in new.values_list("received_at", "published_at")
        ]
        phase_report(
            "steady",
            since=since,
            worker=worker.pid,
            cpu_before=cpu,
            seconds=time.monotonic() - began,
            polls=served["polls"],
            polls_per_minute=round(served["polls"] / ((steady_to - steady_from).total_seconds() / 60), 1),
            kb_per_poll=round(served["bytes"] / max(served["polls"], 1) / 1024, 1),
            items=WireItem.objects.filter(received_at__gte=steady_from).count(),
            delay_median=round(statistics.median(delays), 1) if delays else None,
            delay_max=round(max(delays), 1) if delays else None,
        )

        served["polls"], served["bytes"] = 0, 0
        burst_from = timezone.now()
        agencies.burst_at = time.time()
        WireSource.objects.update(next_poll_at=burst_from)
        since, cpu, began = timezone.now(), cpu_seconds(worker.pid), time.monotonic()
        burst = WireItem.objects.filter(guid__contains="-1000")  # the day's items: numbers from 1,000,000
        while burst.count() < args.sources * DAY_AT_ONCE and time.monotonic() - began < 600:
            time.sleep(1)
        stored_in = time.monotonic() - began
        phase_report(
            "a day at once",
            since=since,
            worker=worker.pid,
            cpu_before=cpu,
            seconds=stored_in,
            polls=served["polls"],
            kb_per_poll=round(served["bytes"] / max(served["polls"], 1) / 1024, 1),
            items=burst.count(),
            stored_in=round(stored_in, 1),
        )
    finally:
        viewers.stopping = True
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
        server.shutdown()
    print(
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}, {args.sources} sources, {viewers.counted:,} views counted, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )


if __name__ == "__main__":
    main()
