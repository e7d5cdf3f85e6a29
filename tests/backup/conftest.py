"""Installs to restore into, and the tools to compare two databases row by row.

The install under test is the test database and the test's MEDIA_ROOT. A target install
is a real second one, empty: another SQLite data folder, or another PostgreSQL database
made for the test. `manage.py restore` runs there in its own process, as `make restore`.
"""

import os
import sqlite3
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from newsdesk.audience.database_counter import database_count_view
from newsdesk.audience.identity import Reader
from newsdesk.audience.services import views_add
from newsdesk.content.models import Author, Byline, Tag
from newsdesk.editions.models import Transliteration
from newsdesk.newsroom import roles
from newsdesk.newsroom import services as workflow
from newsdesk.siteconfig.selectors import site_settings
from tests.newsroom.conftest import roles_create, staff

ROOT = Path(__file__).resolve().parents[2]
BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


@dataclass
class Install:
    """Another Newsdesk install on this machine: its environment, database and media."""

    env: dict[str, str]
    media_root: Path
    database: str  # the SQLite file, or the PostgreSQL database's name

    def manage(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, **kwargs
        )

    def connect(self):
        return raw_connection(self.database)


def raw_connection(database: str | None = None):
    """A plain DB-API connection to `database` (the test database by default): the same driver
    on both sides of a comparison, with none of Django's conversions."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return sqlite3.connect(database or settings["NAME"])
    return psycopg.connect(
        dbname=database or settings["NAME"],
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    )


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL")}
    return env | {"MEDIA_ROOT": "", "NEWSDESK_DATA_DIR": ""}


@pytest.fixture
def empty_install(tmp_path):
    """Make empty installs of the engine under test: `empty_install("name")`."""
    made: list[str] = []

    def make(name: str = "target") -> Install:
        folder = tmp_path / name
        env = _base_env() | {"NEWSDESK_DATA_DIR": str(folder), "MEDIA_ROOT": str(folder / "media")}
        if connection.vendor == "sqlite":
            return Install(env=env, media_root=folder / "media", database=str(folder / "newsdesk.sqlite3"))
        # The database of this run is named in DATABASE_URL; the targets are named after it.
        database = f"{dj_database_url.parse(os.environ['DATABASE_URL'])['NAME']}_{name}"
        with raw_connection("postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
            admin.execute(f'CREATE DATABASE "{database}"')
        made.append(database)
        settings = connection.settings_dict
        url = f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{database}"
        env |= {"DATABASE_URL": url}
        if settings["PASSWORD"]:
            env |= {"PGPASSWORD": settings["PASSWORD"]}
        return Install(env=env, media_root=folder / "media", database=database)

    yield make
    if made:
        with raw_connection("postgres") as admin:
            for database in made:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def tables(conn) -> list[str]:
    if isinstance(conn, sqlite3.Connection):
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    else:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").fetchall()
    return [row[0] for row in rows]


def table_rows(conn) -> dict[str, list[tuple]]:
    """Every row of every table (and, on PostgreSQL, where every sequence stands), in a stable order."""
    found = {}
    for table in tables(conn):
        rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608
        found[table] = sorted(rows, key=repr)
    if not isinstance(conn, sqlite3.Connection):
        for (sequence,) in conn.execute("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"):
            stands = conn.execute(f'SELECT last_value, is_called FROM "{sequence}"')  # noqa: S608
            found[f"sequence {sequence}"] = stands.fetchall()
    return found


def media_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def archive_members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


@pytest.fixture
def newsroom_content(transactional_db, client, make_article, make_photo, source, agency):
    """A small real newsroom, made through the services and committed: staff with roles,
    bylines, a translated story with tags and a photo with renditions, a correction, a
    withdrawn story, views counted through the beacon, an editor signed in."""
    roles_create()
    journalist = staff("journalist", roles.JOURNALIST)
    editor = staff("editor", roles.EDITOR)
    chief = staff("chief", roles.CHIEF_EDITOR)
    author = Author.objects.create(name="Aigerim Sadykova", user=journalist)
    photographer = Author.objects.create(name="Daniyar Ospanov")
    tags = [Tag.objects.create(language="en", name=name, slug=name.lower()) for name in ("WHO", "Health")]
    story = make_article(
        "Kazakhstan and WHO strengthen cooperation", photo=make_photo(), source=source, tags=tags, lead="Astana."
    )
    Byline.objects.create(article=story, author=author, role=Byline.Role.WRITTEN_BY, position=0)
    Byline.objects.create(article=story, author=photographer, role=Byline.Role.PHOTO_BY, position=1)
    story.body = "<p>First Deputy Minister met WHO.</p><p>The parties discussed health care.</p>"
    story = workflow.article_save(
        article=story, by=chief, expected_version=story.version, correction_note="The minister's title."
    )
    translation = make_article("Казахстан и ВОЗ укрепляют сотрудничество", language="ru", translation_of=story)
    withdrawn = make_article("A story that was withdrawn", ago=timedelta(hours=3))
    workflow.article_withdraw(article=withdrawn, by=chief, reason="Unconfirmed.")
    Transliteration.objects.create(cyrillic="тоқаев", latin="toqaev")
    zone = site_settings().zone
    views_add(article_id=story.pk, views=1200, at=timezone.now() - timedelta(days=2), zone=zone)
    database_count_view(article_id=translation.pk, reader=Reader(today="r" * 32, yesterday=None), at=timezone.now())
    for address in ("10.1.0.1", "10.1.0.2", "10.1.0.3"):
        counted = client.post(f"/en/news/{story.pk}/views/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address)
        assert counted.json()["counted"] is True
    client.force_login(editor)
    return {"story": story, "translation": translation, "editor": editor}
