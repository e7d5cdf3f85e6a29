"""Restore an archive of `make backup` into this install (an empty one, unless --force).

    make restore FROM=var/backups/newsdesk-20260101T000000Z.tar [FORCE=1]
    python manage.py restore ARCHIVE [--force]

Checks the whole archive before writing anything, then restores the database and the
media and applies the migrations this version has and the archive's lacks.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.backup.archive import BackupError
from newsdesk.backup.services import backup_restore


class Command(BaseCommand):
    help = "Restore a backup archive into this install: database, media, then migrations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The archive written by `make backup`.")
        parser.add_argument(
            "--force", action="store_true", help="Restore even though the install holds content: it is replaced."
        )

    def handle(self, *args: Any, archive: str, force: bool, verbosity: int, **options: Any) -> None:
        try:
            result = backup_restore(archive=Path(archive), force=force, verbosity=max(0, verbosity - 1))
        except BackupError as error:
            raise CommandError(str(error)) from None
        if verbosity >= 1:
            self.stdout.write(
                f"Restored the backup of {result.created_at} (Newsdesk {result.newsdesk_version}): the database "
                f"and {result.files} media files; {result.migrations_applied} newer migrations applied. "
                "Restart the app servers and the worker; everyone signs in again."
            )
