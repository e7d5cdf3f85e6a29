"""`manage.py sitemap_counts --rebuild`: the sitemaps' per-day counts, recomputed in one pass."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from newsdesk.syndication.archive import archive_days_rebuild, archive_days_reconcile


class Command(BaseCommand):
    help = "Recount the visible stories per language and day that the sitemap index is built from."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rebuild", action="store_true", help="Write the whole table afresh (otherwise: mend what differs)."
        )

    def handle(self, *args: Any, rebuild: bool, **options: Any) -> None:
        if rebuild:
            days = archive_days_rebuild()
            self.stdout.write(f"{days} days with visible stories counted.")
        else:
            changed = archive_days_reconcile()
            self.stdout.write(f"{changed} days counted again.")
