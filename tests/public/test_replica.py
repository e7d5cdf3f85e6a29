"""With a read replica, readers' pages read from it; everything else reads the primary."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import override_settings

from newsdesk.content.models import Article

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
ROUTERS = ["newsdesk.public.replica.PublicReadsToReplica"]


@pytest.fixture
def replica(tmp_path):
    """A replica that lags: a copy of the primary as it is now, under the alias `replica`."""
    if connection.vendor != "sqlite":
        pytest.skip("the lagging replica here is a file copy of the SQLite test database")
    path = tmp_path / "replica.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    # A connection made here, not in settings: Django's test isolation lets it be.
    connections["replica"] = DatabaseWrapper({**connections.settings["default"], "NAME": str(path)}, alias="replica")
    yield
    connections["replica"].close()
    del connections["replica"]


@pytest.mark.django_db(transaction=True)
def test_readers_pages_read_the_replica_and_everything_else_the_primary(client, story, make_article, replica):
    Article.objects.filter(pk=story.pk).update(title="Changed on the primary")
    fresh = make_article("Fresh on the primary")  # the replica has not caught up yet

    with override_settings(DATABASE_ROUTERS=ROUTERS):
        page = client.get(story.get_absolute_url()).content.decode()
        assert "Kazakhstan and World Health Organization" in page and "Changed on the primary" not in page
        assert client.get(fresh.get_absolute_url()).status_code == 404
        # A beacon is a POST: it finds the story on the primary and counts it there.
        counted = client.post(f"/en/news/{fresh.pk}/views/", HTTP_USER_AGENT=BROWSER)
        assert counted.status_code == 200 and counted.json()["counted"] is True

    # Without the router, the same page reads the primary.
    assert "Changed on the primary" in client.get(story.get_absolute_url()).content.decode()


def test_a_replica_url_adds_the_replica_and_its_router():
    code = (
        "import json, newsdesk.settings as s; "
        "print(json.dumps([s.DATABASES['replica']['HOST'], s.DATABASES['replica']['TEST'], s.DATABASE_ROUTERS]))"
    )
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://newsdesk@primary/news",
        "DATABASE_REPLICA_URL": "postgres://newsdesk@replica/news",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == ["replica", {"MIRROR": "default"}, ROUTERS]
