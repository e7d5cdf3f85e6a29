"""`manage.py search_index --rebuild`: every story's search document made anew.

Needed after bulk loads that skip signals, or to re-analyse the archive once the
analysis changes (a stemmer's new version, new stop words). `--related` also finds every
visible story's relevant news again (slow on a large archive: one search per story).
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.lib.progress import Progress
from newsdesk.search.engines import engine
from newsdesk.search.index import index_rebuild
from newsdesk.search.related import related_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from the stories (and, with --related, their relevant news)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="Index every story afresh.")
        parser.add_argument("--related", action="store_true", help="Find every visible story's relevant news again.")

    def handle(self, *args: Any, rebuild: bool, related: bool, **options: Any) -> None:
        if not rebuild and not related:
            raise CommandError("Say what to do: --rebuild, --related, or both.")
        if rebuild:
            started = time.monotonic()
            count = index_rebuild(progress=Progress("Indexing", 0).update)
            size = engine().size()
            self.stdout.write(
                f"{count:,} stories indexed in {time.monotonic() - started:.0f} s"
                + (f"; the index takes {size / 1e6:,.1f} MB." if size else ".")
            )
        if related:
            related_rebuild(progress=Progress("Relevant news", 0).update)
            self.stdout.write("Relevant news found for every visible story.")
