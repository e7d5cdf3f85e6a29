"""manage.py partner_versions: a first partner API version for every published story
without one (an archive from before the API, or imported straight into the database)."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from newsdesk.partners.versions import versions_backfill


class Command(BaseCommand):
    help = "Write the partner API's first version of every published story that has none (nothing is pushed)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        written = versions_backfill()
        took = time.monotonic() - started
        self.stdout.write(f"Published stories without a version: {written:,}, each given its first ({took:.1f} s).")
