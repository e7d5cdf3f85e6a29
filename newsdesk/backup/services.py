"""Backing up an install and restoring one: `make backup`, `make restore FROM=…`.

An install is its database (SQLite under NEWSDESK_DATA_DIR, or PostgreSQL at
DATABASE_URL) and its media (MEDIA_ROOT). A backup is one archive (`archive.py`) with a
consistent copy of the first and every file of the second; the settings and secrets of
the environment are never in it (NOT_INCLUDED says so in every manifest).
"""

import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import redis
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from newsdesk.audience import redis_counter
from newsdesk.backup import databases
from newsdesk.backup.archive import ENGINES, FORMAT, ArchiveReader, ArchiveWriter, BackupError
from newsdesk.siteconfig.selectors import site_settings

STAGING_PREFIX = ".newsdesk-restore-"

NOT_INCLUDED = [
    "SECRET_KEY and the embedded install's secret_key file: a restored install uses its own",
    "the environment's settings and passwords (DATABASE_URL, REDIS_URL, ALLOWED_HOSTS and the rest)",
    "the rows of " + ", ".join(sorted(databases.left_out_tables())) + ": signed-in sessions, readers' daily salts "
    "and recent-view marks (everyone signs in again after a restore)",
    "Redis: only a cache, and the view counts waiting in it are written to the database first",
    "static files: they come with the code",
]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    files: int
    size: int
    views_flushed: int


@dataclass(frozen=True)
class RestoreResult:
    files: int
    created_at: str
    newsdesk_version: str
    migrations_applied: int


def newsdesk_version() -> str:
    with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def _flush_waiting_views() -> int:
    """Write the view counts waiting in Redis to the database, as the worker does."""
    if not redis_counter.enabled():
        return 0
    try:
        _settled, written = redis_counter.counts_to_database(zone=site_settings().zone, now=timezone.now())
        return written
    except redis.RedisError as error:
        raise BackupError(
            f"Redis cannot be reached ({error}): the view counts waiting there could not be written to the "
            "database, so no backup was made. Bring Redis back, or back up without them: --no-flush."
        ) from None


def _media_files(media_root: Path, skip: Path | None = None) -> Iterator[tuple[Path, str]]:
    """Every regular file under MEDIA_ROOT, with its name in the archive, in a stable order."""
    if not media_root.is_dir():
        return
    for folder, subfolders, files in media_root.walk():
        subfolders[:] = sorted(
            name for name in subfolders if not name.startswith(STAGING_PREFIX) and (folder / name) != skip
        )
        for name in sorted(files):
            path = folder / name
            if path.is_file() and not path.is_symlink():
                yield path, "media/" + path.relative_to(media_root).as_posix()


def backup_create(*, directory: Path, flush_views: bool = True) -> BackupResult:
    """Write `directory`/newsdesk-<UTC time>.tar: the database, the media and the manifest.

    The site may go on serving and writing: the database copy is one snapshot, taken after
    the view counts waiting in Redis are written to the database and before the media are
    read (a photo's files are stored before its row, so every file a copied row names is whole).
    """
    now = datetime.now(UTC).replace(microsecond=0)
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"Cannot make the backup folder {directory}: {error}.") from None
    path = directory / f"newsdesk-{now:%Y%m%dT%H%M%SZ}.tar"
    if path.exists():
        raise BackupError(f"{path} already exists; wait a second and run the backup again.")
    flushed = _flush_waiting_views() if flush_views else 0
    engine = databases.engine()
    migrations = databases.applied_migrations()
    database_file = f"database/{databases.file_name()}"
    try:
        writer = ArchiveWriter(path)
    except OSError as error:
        raise BackupError(f"Cannot write in {directory}: {error}.") from None
    try:
        with tempfile.TemporaryDirectory(dir=directory, prefix=".newsdesk-backup-") as work:
            copy = Path(work) / databases.file_name()
            databases.snapshot(into=copy)
            writer.add_file(copy, database_file)
        for source, name in _media_files(Path(settings.MEDIA_ROOT), skip=directory.resolve()):
            writer.add_file(source, name)
        manifest = {
            "format": FORMAT,
            "newsdesk_version": newsdesk_version(),
            "created_at": now.isoformat().replace("+00:00", "Z"),
            "database": {
                "engine": engine,
                "version": databases.server_version(),
                "file": database_file,
                "rows_left_out": sorted(databases.left_out_tables()),
            },
            "migrations": migrations,
            "views_flushed_from_redis": flushed if flush_views else None,
            "not_included": NOT_INCLUDED,
            "files": [{"path": e.path, "size": e.size, "sha256": e.sha256} for e in writer.entries],
        }
        writer.commit(manifest)
    except OSError as error:
        writer.abandon()
        raise BackupError(f"The backup could not be written: {error}. No archive was left behind.") from None
    except BaseException:
        writer.abandon()
        raise
    return BackupResult(path=path, files=len(writer.entries), size=path.stat().st_size, views_flushed=flushed)


def _refusals(reader: ArchiveReader, *, force: bool) -> None:
    """Every reason not to restore this archive here, checked before anything is written."""
    engine = databases.engine()
    if reader.engine != engine:
        raise BackupError(
            f"{reader.archive} holds a {ENGINES[reader.engine]} database; this install runs on {ENGINES[engine]}. "
            "Restoring across engines is not supported: restore it into an install of the same engine "
            "(DATABASE_URL set for PostgreSQL, unset for the embedded SQLite)."
        )
    unknown = databases.unknown_migrations(reader.manifest["migrations"])
    if unknown:
        raise BackupError(
            f"{reader.archive} was made by a newer Newsdesk ({reader.manifest.get('newsdesk_version')}): this code "
            f"does not know its migrations {', '.join(unknown[:3])}. Update this install first, then restore."
        )
    if force:
        return
    tables = databases.tables_with_content()
    media_root = Path(settings.MEDIA_ROOT)
    media = next(_media_files(media_root), None)
    if tables or media:
        held = f"rows in {', '.join(tables[:4])}" if tables else f"files under {media_root}"
        raise BackupError(
            f"The target install is not empty (it holds {held}); nothing was restored. Restore into an empty "
            "install, or add --force to replace what it holds (FORCE=1 with make restore)."
        )


def _move_media(staged: Path, media_root: Path) -> int:
    """Rename the checked files into MEDIA_ROOT (same file system: no copy, nothing half-written)."""
    moved = 0
    for path in sorted(p for p in staged.rglob("*") if p.is_file()):
        target = media_root / path.relative_to(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
        path.replace(target)
        moved += 1
    return moved


def backup_restore(*, archive: Path, force: bool = False, verbosity: int = 0) -> RestoreResult:
    """Restore an archive of `backup_create` into this install, then apply newer migrations.

    Refuses, before writing anything, an archive that is damaged, truncated, of the other
    engine or of a newer Newsdesk, and a target that already holds content (unless `force`).
    Every file is checked against the manifest while it is staged under MEDIA_ROOT; then
    the database is replaced (whole or not at all) and the media renamed into place.
    """
    reader = ArchiveReader(archive)
    try:
        _refusals(reader, force=force)
        media_root = Path(settings.MEDIA_ROOT)
        try:
            media_root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=media_root))
        except OSError as error:
            raise BackupError(f"Cannot write in {media_root}: {error}.") from None
        try:
            try:
                reader.stage(staging)
            except OSError as error:
                raise BackupError(f"The archive could not be unpacked ({error}); nothing was restored.") from None
            databases.restore(copy=staging / reader.manifest["database"]["file"])
            try:
                files = _move_media(staging / "media", media_root) if (staging / "media").exists() else 0
            except OSError as error:
                raise BackupError(
                    f"The database is restored, but the media could not all be put in place ({error}). "
                    "Free the space or fix the permissions, then restore again with --force."
                ) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        reader.close()
    before = len(databases.applied_migrations())
    call_command("migrate", interactive=False, verbosity=verbosity)
    return RestoreResult(
        files=files,
        created_at=reader.manifest.get("created_at", ""),
        newsdesk_version=str(reader.manifest.get("newsdesk_version", "")),
        migrations_applied=len(databases.applied_migrations()) - before,
    )
