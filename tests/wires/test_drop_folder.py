"""Wires delivered as files into a folder per source: read once they have settled, set
aside as read or refused, never followed out of the drop directory."""

import os
import time

import pytest

from newsdesk.wires.drop_folder import DONE, FAILED, drop_folder_read, drop_folders_read
from newsdesk.wires.models import WireItem, WireSource
from tests.wires.conftest import rss


@pytest.fixture
def drop_dir(settings, tmp_path):
    settings.WIRES = settings.WIRES | {"DROP_DIR": str(tmp_path)}
    return tmp_path


@pytest.fixture
def wire(mfa, drop_dir) -> WireSource:
    (drop_dir / "mfa").mkdir()
    return WireSource.objects.create(source=mfa, name="MFA files", drop_folder="mfa")


def place(path, content: bytes) -> None:
    """A file that arrived a minute ago, complete."""
    path.write_bytes(content)
    old = time.time() - 60
    os.utime(path, (old, old))


def test_settled_files_are_read_and_set_aside(wire, drop_dir, shared_dir):
    place(drop_dir / "mfa" / "release.xml", rss(("mfa-1", "Minister meets WHO", "Talks.")))
    place(drop_dir / "mfa" / "dpa.json", (shared_dir / "wires" / "ninjs" / "3.0_dpa_text.json").read_bytes())
    (drop_dir / "mfa" / "arriving.xml").write_bytes(b"<rss")  # still being written
    stored = drop_folder_read(wire)
    assert stored.new == 2 and WireItem.objects.count() == 2
    assert sorted(p.name for p in (drop_dir / "mfa" / DONE).iterdir()) == ["dpa.json", "release.xml"]
    assert (drop_dir / "mfa" / "arriving.xml").exists()
    wire.refresh_from_db()
    assert wire.last_success_at is not None and wire.failures == 0


def test_a_file_that_cannot_be_read_is_set_aside_and_reported(wire, drop_dir):
    place(drop_dir / "mfa" / "page.html", b"<!doctype html><html><body>Error</body></html>")
    drop_folders_read()
    assert (drop_dir / "mfa" / FAILED / "page.html").exists()
    wire.refresh_from_db()
    assert "page.html" in wire.last_error and wire.failures == 1


def test_links_and_names_never_lead_out_of_the_drop_directory(wire, drop_dir, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.xml"
    outside.write_bytes(rss(("x", "Secret", "Not for the desk.")))
    (drop_dir / "mfa" / "link.xml").symlink_to(outside)
    drop_folder_read(wire)
    assert not WireItem.objects.exists() and outside.exists()
    wire.drop_folder = "../mfa"
    with pytest.raises(Exception, match="slashes"):
        wire.full_clean()
    assert drop_folder_read(wire).new == 0
