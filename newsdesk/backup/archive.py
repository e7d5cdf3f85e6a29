"""The backup archive: one uncompressed tar with the database copy, the media and a manifest.

    database/newsdesk.sqlite3 | database/newsdesk.pgdump   the consistent database copy
    media/<path under MEDIA_ROOT>                           every uploaded file
    manifest.json                                           last: what the archive holds

The manifest comes last because it lists every file with its size and SHA-256, which
are known only once the file has been read into the archive; each file is read once.
A reader finds it by the tar headers (cheap on an uncompressed tar) before reading any data.

Writing goes to a hidden temporary name in the backup folder, created 0600, and is
renamed into place only when complete: a backup that failed half-way leaves no archive
that looks whole. Reading checks every entry against the manifest while copying it to
a staging folder, so nothing of the install is touched before the whole archive is known
to be intact.
"""

import contextlib
import hashlib
import io
import json
import os
import tarfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

FORMAT = 1
MANIFEST = "manifest.json"
TOP_FOLDERS = ("database", "media")
ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore cannot go on; the message says why, in words for the engineer."""


@dataclass(frozen=True)
class Entry:
    path: str  # inside the archive, e.g. "media/photos/2026/01/a.jpg"
    size: int
    sha256: str


class _Hashing:
    """A file wrapper that hashes and counts what is read through it."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


class ArchiveWriter:
    """Writes an archive to `path` through a temporary name; `commit()` renames it into place."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[Entry] = []
        self._partial = path.with_name(f".{path.name}.partial")
        descriptor = os.open(self._partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._file = os.fdopen(descriptor, "wb")
        # Open across add_file() calls; commit() or abandon() closes it.
        self._tar = tarfile.open(fileobj=self._file, mode="w", format=tarfile.PAX_FORMAT)  # noqa: SIM115

    def add_file(self, source: Path, name: str) -> Entry | None:
        """Add the file at `source` as `name`; None if it vanished before it could be read."""
        try:
            file = source.open("rb")
        except FileNotFoundError:
            return None
        with file:
            stat = os.fstat(file.fileno())
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
            reader = _Hashing(file)
            self._tar.addfile(info, reader)
        entry = Entry(path=name, size=reader.size, sha256=reader.digest.hexdigest())
        self.entries.append(entry)
        return entry

    def commit(self, manifest: dict[str, Any]) -> None:
        data = json.dumps(manifest, indent=2, ensure_ascii=False).encode() + b"\n"
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(data), 0o600
        info.mtime = int(datetime.fromisoformat(manifest["created_at"]).timestamp())
        self._tar.addfile(info, io.BytesIO(data))
        self._tar.close()
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        if self.path.exists():
            self.abandon()
            raise BackupError(f"{self.path} already exists; nothing was overwritten.")
        os.replace(self._partial, self.path)
        _fsync_folder(self.path.parent)

    def abandon(self) -> None:
        """Close and delete the temporary file (a failed backup leaves nothing behind)."""
        with contextlib.suppress(OSError, tarfile.TarError):
            self._tar.close()
        with contextlib.suppress(OSError):  # flushing what is buffered fails again on a full disk
            self._file.close()
        self._partial.unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# Reading.


def _safe_path(name: object) -> str:
    """A relative path under database/ or media/, with no way out of the staging folder."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        raise BackupError(f"The manifest lists a file with an unusable name: {name!r}.")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or len(parts) < 2 or parts[0] not in TOP_FOLDERS or {"..", "."} & set(parts):
        raise BackupError(f"The manifest lists a file outside database/ and media/: {name!r}.")
    return name


def _validated(manifest: object) -> dict[str, Any]:
    """The manifest, checked for every field the restore relies on."""
    if not isinstance(manifest, dict):
        raise BackupError("The manifest is not a Newsdesk backup manifest.")
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"The archive is of format {manifest.get('format')!r}; this Newsdesk reads format {FORMAT}. "
            "Restore it with the Newsdesk version that made it, or a later one."
        )
    database = manifest.get("database")
    if not isinstance(database, dict) or database.get("engine") not in ENGINES:
        raise BackupError("The manifest does not say which database the archive holds.")
    files = manifest.get("files")
    if not isinstance(files, list) or not files:
        raise BackupError("The manifest lists no files.")
    seen = set()
    for entry in files:
        if not isinstance(entry, dict):
            raise BackupError("The manifest's file list is damaged.")
        path = _safe_path(entry.get("path"))
        size, digest = entry.get("size"), entry.get("sha256")
        if not isinstance(size, int) or size < 0 or not isinstance(digest, str) or len(digest) != 64:
            raise BackupError(f"The manifest's entry for {path} has no usable size or SHA-256.")
        if path in seen:
            raise BackupError(f"The manifest lists {path} twice.")
        seen.add(path)
    if database.get("file") not in seen or not str(database.get("file")).startswith("database/"):
        raise BackupError("The manifest names no database file that the archive holds.")
    migrations = manifest.get("migrations")
    if not isinstance(migrations, list) or not all(isinstance(m, str) and m.count(".") == 1 for m in migrations):
        raise BackupError("The manifest's list of applied migrations is damaged.")
    return manifest


def _regular_file(tar: tarfile.TarFile, member: tarfile.TarInfo) -> IO[bytes]:
    """The data of `member`, which the caller has checked is a regular file."""
    file = tar.extractfile(member)
    if file is None:
        raise BackupError(f"The archive's {member.name} is not a regular file.")
    return file


def _damaged(archive: Path, error: Exception) -> BackupError:
    return BackupError(
        f"{archive} is damaged or truncated ({error}); nothing was restored. Use another copy of the backup."
    )


class ArchiveReader:
    """Opens an archive and reads its manifest; `stage()` checks and copies every file."""

    def __init__(self, archive: Path) -> None:
        self.archive = archive
        if not archive.is_file():
            raise BackupError(f"{archive} is not a file.")
        try:
            self._tar = tarfile.open(archive, mode="r:*")  # noqa: SIM115 (open until close())
        except (tarfile.TarError, EOFError, OSError, ValueError, zlib.error):
            raise BackupError(f"{archive} is not a readable Newsdesk backup: it is not a tar archive.") from None
        try:
            self._members = members = self._tar.getmembers()
        except (tarfile.TarError, EOFError, OSError, ValueError, zlib.error) as error:
            self._tar.close()
            raise _damaged(archive, error) from None
        found = [m for m in members if m.name == MANIFEST and m.isreg()]
        if not found:
            self._tar.close()
            raise BackupError(
                f"{archive} has no manifest: it is truncated (the manifest is written last) "
                "or it is not a Newsdesk backup. Nothing was restored."
            )
        try:
            raw = _regular_file(self._tar, found[-1]).read()
            self.manifest = _validated(json.loads(raw))
        except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
            self._tar.close()
            raise _damaged(archive, error) from None
        except (ValueError, UnicodeDecodeError):
            self._tar.close()
            raise BackupError(f"{archive}: the manifest is not valid JSON; the archive is damaged.") from None
        except BackupError:
            self._tar.close()
            raise

    @property
    def engine(self) -> str:
        return self.manifest["database"]["engine"]

    def entries(self) -> Iterator[Entry]:
        for item in self.manifest["files"]:
            yield Entry(path=item["path"], size=item["size"], sha256=item["sha256"])

    def stage(self, folder: Path) -> None:
        """Copy every file into `folder`, checking each one's size and SHA-256 against the manifest.

        Raises BackupError at the first file that differs, or if any listed file is missing
        or anything unlisted is present; the caller then deletes `folder`.
        """
        expected = {entry.path: entry for entry in self.entries()}
        found: set[str] = set()
        try:
            for member in self._members:
                if member.name == MANIFEST:
                    continue
                entry = expected.get(member.name)
                if entry is None or not member.isreg() or member.name in found:
                    raise BackupError(
                        f"{self.archive} holds {member.name!r}, which its manifest does not list: "
                        "the archive was altered or damaged. Nothing was restored."
                    )
                self._stage_one(member, entry, folder / entry.path)
                found.add(member.name)
        except (tarfile.TarError, EOFError, zlib.error) as error:
            raise _damaged(self.archive, error) from None
        missing = sorted(set(expected) - found)
        if missing:
            raise BackupError(
                f"{self.archive} lacks {len(missing)} file(s) its manifest lists (first: {missing[0]}): "
                "it is truncated or damaged. Nothing was restored."
            )

    def _stage_one(self, member: tarfile.TarInfo, entry: Entry, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        source = _regular_file(self._tar, member)
        with open(target, "xb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        if size != entry.size or digest.hexdigest() != entry.sha256:
            raise BackupError(
                f"{entry.path} in {self.archive} does not match its checksum in the manifest: "
                "the archive is damaged. Nothing was restored; use another copy of the backup."
            )

    def close(self) -> None:
        self._tar.close()
