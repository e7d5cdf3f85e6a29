"""The database copy keeps no secret of the running site, and knows an empty install."""

import shutil
import subprocess

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection

from newsdesk.audience.models import DailySalt, RecentView
from newsdesk.backup import databases
from newsdesk.backup.services import backup_create
from tests.backup.conftest import archive_members


def _readable(name: str, content: bytes, tmp_path) -> bytes:
    """What a member says: a PostgreSQL dump is compressed, so read it as pg_restore does."""
    if not name.endswith(".pgdump"):
        return content
    dump = tmp_path / "dump"
    dump.write_bytes(content)
    return subprocess.run([shutil.which("pg_restore"), "--file=-", str(dump)], capture_output=True, check=True).stdout


def test_no_secret_of_the_running_site_is_in_the_archive(newsroom_content, tmp_path):
    session = Session.objects.get()
    salts = list(DailySalt.objects.values_list("salt", flat=True))
    marks = list(RecentView.objects.values_list("key", flat=True))
    assert salts and marks
    secrets = [settings.SECRET_KEY, session.session_key, session.session_data, *salts, *marks]

    result = backup_create(directory=tmp_path / "backups")

    members = archive_members(result.path)
    assert not [name for name in members if "secret" in name]
    for name, content in members.items():
        text = _readable(name, content, tmp_path)
        assert b"Kazakhstan and WHO" in text or not name.startswith("database/")  # the copy is readable here
        found = [secret for secret in secrets if secret.encode() in text]
        assert not found, f"{name} holds {found}"


def test_an_install_with_only_what_migrations_and_the_first_page_make_counts_as_empty(db, client):
    client.get("/en/")  # makes the site's settings row
    assert databases.tables_with_content() == []
    assert connection.introspection.table_names()
