import time
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.content.models import Article
from newsdesk.demo.accounts import create_demo_accounts, describe_demo_accounts
from newsdesk.demo.desk import desk_day_create
from newsdesk.demo.live_stream import PLAYLIST_PATH, encode_demo_stream, stream_exists
from newsdesk.demo.loader import load_demo, read_reference
from newsdesk.demo.partners import create_demo_partner, describe_demo_partner
from newsdesk.demo.schedule import demo_schedule_load
from newsdesk.demo.wires import create_demo_wires, describe_demo_wires
from newsdesk.siteconfig.selectors import site_settings


class Command(BaseCommand):
    help = "Load the demo edition: the reference page's articles and rankings, and a generated archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the database already has articles."
        )
        parser.add_argument("--generated", type=int, default=336, help="How many generated articles (336).")
        parser.add_argument("--now", help="Load as if at this ISO 8601 time (for tests and screenshots).")
        parser.add_argument("--no-stream", action="store_true", help="Do not encode the demo's live TV stream.")

    def handle(
        self, *args: Any, if_empty: bool, generated: int, now: str | None, no_stream: bool, **options: Any
    ) -> None:
        if if_empty and Article.objects.exists():
            self.stdout.write("The database already has articles; the demo edition is not loaded again.")
            demo_schedule_load(zone=site_settings().zone)  # today's TV schedule all the same
            self.stdout.write(describe_demo_accounts())
            self.stdout.write(describe_demo_partner())
            self.stdout.write(describe_demo_wires())
            return
        moment = None
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError as error:
                raise CommandError(f"--now: {error}") from None
            if moment.tzinfo is None:
                raise CommandError("--now needs a time zone, e.g. 2026-01-01T12:00:00+05:00")
        started = time.monotonic()
        stream_url = "" if no_stream else self._demo_stream()
        result = load_demo(now=moment, generated_count=generated, live_stream_url=stream_url)
        create_demo_accounts()
        desk_day_create()
        create_demo_partner()
        create_demo_wires()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo edition loaded in {time.monotonic() - started:.1f} s: {result.reference_articles} articles "
                f"of the reference page (dates moved by {result.shift_days} days) and "
                f"{result.generated_articles} generated ones."
            )
        )
        self.stdout.write(describe_demo_accounts())
        self.stdout.write(describe_demo_partner())
        self.stdout.write(describe_demo_wires())

    def _demo_stream(self) -> str:
        if stream_exists():
            return PLAYLIST_PATH
        try:
            encode_demo_stream(read_reference()["site"]["live_stream_title"])
        except ImportError:
            self.stderr.write("PyAV is not installed (requirements/demo.lock): the demo has no live TV stream.")
            return ""
        return PLAYLIST_PATH
