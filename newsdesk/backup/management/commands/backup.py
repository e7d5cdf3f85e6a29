"""Back up this install: one archive with the database, the media and a manifest.

    make backup                                   # into var/backups (BACKUP_DIR=… elsewhere)
    python manage.py backup [--output-dir DIR] [--no-flush]

Safe while the site serves and writes. Exits non-zero, leaving no archive, when anything fails.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.backup.archive import BackupError
from newsdesk.backup.services import backup_create


class Command(BaseCommand):
    help = "Write one archive with a consistent copy of the database, the media files and a manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output-dir", default=None, help="Where the archive goes (BACKUP_DIR, or var/backups of the checkout)."
        )
        parser.add_argument(
            "--no-flush",
            action="store_true",
            help="Back up even when Redis is down: views still waiting in Redis are then not in the archive.",
        )

    def handle(self, *args: Any, output_dir: str | None, no_flush: bool, verbosity: int, **options: Any) -> None:
        directory = Path(output_dir or settings.BACKUP_DIR).absolute()
        try:
            result = backup_create(directory=directory, flush_views=not no_flush)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if verbosity >= 1:
            flushed = f"; {result.views_flushed} views written from Redis first" if result.views_flushed else ""
            self.stdout.write(
                f"Backup written: {result.path} ({result.files} file{'s' if result.files != 1 else ''}, "
                f"{result.size / 1e6:.1f} MB{flushed}). "
                "It holds no SECRET_KEY or other secret of the environment; keep it as private as the database."
            )
