"""The archive: private, written whole or not at all, and its manifest lists every file."""

import hashlib
import json
import os
import re
import resource
import signal
import stat
import tomllib
from functools import partial
from pathlib import Path

from django.db import connection

from newsdesk.backup import databases
from newsdesk.backup.services import backup_create
from tests.backup.conftest import ROOT, archive_members


def test_the_archive_is_private_and_its_manifest_says_what_it_holds(db, make_photo, tmp_path):
    make_photo()
    directory = tmp_path / "backups"
    result = backup_create(directory=directory)

    assert re.fullmatch(r"newsdesk-\d{8}T\d{6}Z\.tar", result.path.name)
    assert [p.name for p in directory.iterdir()] == [result.path.name]  # no temporary file left
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700

    members = archive_members(result.path)
    manifest = json.loads(members.pop("manifest.json"))
    with open(ROOT / "pyproject.toml", "rb") as file:
        assert manifest["newsdesk_version"] == tomllib.load(file)["project"]["version"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", manifest["created_at"])
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["migrations"] == databases.applied_migrations()
    assert "content.0001_initial" in manifest["migrations"]
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert listed.keys() == members.keys()
    for name, content in members.items():
        assert listed[name]["size"] == len(content)
        assert listed[name]["sha256"] == hashlib.sha256(content).hexdigest()
    assert manifest["database"]["file"] in listed
    assert len([name for name in listed if name.startswith("media/renditions/")]) >= 6
    assert any("SECRET_KEY" in line for line in manifest["not_included"])


def _limit_file_size(limit: int) -> None:
    # Writes past the limit fail with EFBIG (Python ignores SIGXFSZ), as on a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_backup_that_fails_half_way_leaves_no_archive(empty_install, tmp_path):
    install = empty_install("site")
    photos = install.media_root / "photos"
    photos.mkdir(parents=True)
    for n in range(3):
        (photos / f"{n}.jpg").write_bytes(os.urandom(200_000))
    directory = tmp_path / "backups"
    # Room for the database copy, not for the photos after it.
    database = Path(install.database)
    limit = (database.stat().st_size if database.is_file() else 0) + 300_000

    failed = install.manage("backup", "--output-dir", str(directory), preexec_fn=partial(_limit_file_size, limit))

    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert "File too large" in failed.stderr and "No archive was left behind" in failed.stderr
    assert list(directory.iterdir()) == []
    written = install.manage("backup", "--output-dir", str(directory))
    assert written.returncode == 0, written.stderr
    assert [Path(p).suffix for p in os.listdir(directory)] == [".tar"]
