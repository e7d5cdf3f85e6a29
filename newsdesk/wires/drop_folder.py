"""Wires delivered as files: a folder per source under the drop directory, where files
arrive from outside the app (FTP, SFTP, rsync), and a single file a journalist uploads.

A file is read once it has not changed for a few seconds (so a half-uploaded one waits),
then moved into the folder's `.done/` or, when it cannot be read, `.failed/`, where an
engineer finds it; both are emptied after the retention period.
"""

import logging
import shutil
import time
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from newsdesk.wires.detect import parse
from newsdesk.wires.ingest import Stored, items_store
from newsdesk.wires.models import WireFormat, WireSource
from newsdesk.wires.parsed import ParseError
from newsdesk.wires.polling import outcome_record

log = logging.getLogger("newsdesk.wires")

DONE, FAILED = ".done", ".failed"
# A file changed less than this ago may still be arriving.
SETTLE_SECONDS = 5
MOST_FILES_A_PASS = 200


def drop_root() -> Path:
    return Path(settings.WIRES["DROP_DIR"])


def drop_folder(wire: WireSource) -> Path | None:
    """The wire's folder, or None when it has none. The name is checked on entry (letters,
    digits, - and _), and checked again here: never a path out of the drop directory."""
    if not wire.drop_folder or "/" in wire.drop_folder or wire.drop_folder.startswith("."):
        return None
    return drop_root() / wire.drop_folder


def file_store(*, wire: WireSource, content: bytes, now: datetime | None = None) -> Stored:
    """One file's items (ParseError when it cannot be read)."""
    declared = None if wire.format == WireFormat.DETECT else wire.format
    parsed = parse(content, declared_format=declared, size_limit=settings.WIRES["MAX_BYTES"])
    for problem in parsed.problems:
        log.info("wire %s: %s", wire.name, problem)
    return items_store(wire=wire, parsed=parsed, now=now)


def _set_aside(path: Path, into: str) -> None:
    target = path.parent / into
    target.mkdir(exist_ok=True)
    shutil.move(path, target / path.name)


def drop_folder_read(wire: WireSource, *, now: datetime | None = None) -> Stored:
    """The files waiting in the wire's folder, oldest first."""
    folder = drop_folder(wire)
    stored = Stored()
    if folder is None or not folder.is_dir():
        return stored
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):  # as polling.wire_poll writes its errors
        return _files_read(wire, folder, now=now)


def _files_read(wire: WireSource, folder: Path, *, now: datetime) -> Stored:
    stored = Stored()
    waiting = [p for p in folder.iterdir() if not p.name.startswith(".") and p.is_file() and not p.is_symlink()]
    waiting.sort(key=lambda p: p.stat().st_mtime)
    errors = []
    for path in waiting[:MOST_FILES_A_PASS]:
        if time.time() - path.stat().st_mtime < SETTLE_SECONDS:
            continue
        if path.stat().st_size > settings.WIRES["MAX_BYTES"]:
            limit = number_format(settings.WIRES["MAX_BYTES"], force_grouping=True)
            errors.append(f"{path.name}: " + _("larger than %(limit)s bytes") % {"limit": limit})
            _set_aside(path, FAILED)
            continue
        try:
            stored.add(file_store(wire=wire, content=path.read_bytes(), now=now))
        except ParseError as error:
            errors.append(f"{path.name}: {error}")
            _set_aside(path, FAILED)
            continue
        _set_aside(path, DONE)
    if errors or waiting:
        outcome_record(wire, now=now, error="; ".join(errors)[:2000], reschedule=False)
    return stored


def drop_folders_read() -> Stored:
    stored = Stored()
    for wire in WireSource.objects.filter(is_active=True).exclude(drop_folder=""):
        stored.add(drop_folder_read(wire))
    return stored


def set_aside_forget(*, now: datetime | None = None) -> int:
    """Files read or refused longer ago than the retention period."""
    before = ((now or timezone.now()) - timedelta(days=settings.WIRES["RETENTION_DAYS"])).timestamp()
    forgotten = 0
    if not drop_root().is_dir():
        return 0
    for folder in drop_root().iterdir():
        for kept in (folder / DONE, folder / FAILED):
            if kept.is_dir():
                for path in kept.iterdir():
                    if path.is_file() and path.stat().st_mtime < before:
                        path.unlink()
                        forgotten += 1
    return forgotten
