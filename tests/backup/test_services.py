"""Back up a real install and restore it into an empty one: every row and every file comes back."""

import hashlib
import io
import json
import shutil
import tarfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from newsdesk.audience import redis_counter
from newsdesk.audience.models import ViewTotal
from newsdesk.audience.services import views_add
from newsdesk.backup import databases
from newsdesk.backup.archive import BackupError
from newsdesk.backup.services import backup_create, backup_restore
from newsdesk.siteconfig.selectors import site_settings
from tests.backup.conftest import archive_members, media_files, raw_connection, table_rows
from tests.newsroom.conftest import roles_create


@contextmanager
def databases_pair(target) -> Iterator[tuple]:
    """The test database and a target's, through the same plain driver."""
    source, restored = raw_connection(), target.connect()
    try:
        yield source, restored
    finally:
        source.close()
        restored.close()


def _restored(install, archive: Path, *extra: str):
    done = install.manage("restore", str(archive), *extra)
    assert done.returncode == 0, done.stderr
    return done


def test_an_empty_install_restored_from_a_backup_has_every_row_and_every_file(
    private_redis, newsroom_content, empty_install, tmp_path, settings
):
    story = newsroom_content["story"]
    # Three readers' views wait in Redis for the worker's flush; the backup writes them first.
    assert redis_counter.client().hlen(redis_counter._key("views", "pending")) == 1
    result = backup_create(directory=tmp_path / "backups")
    assert result.views_flushed == 3
    assert not redis_counter.client().exists(redis_counter._key("views", "pending"))

    target = empty_install()
    _restored(target, result.path)

    with databases_pair(target) as (source, restored):
        before, after = table_rows(source), table_rows(restored)
        totals = dict(restored.execute("SELECT article_id, views FROM audience_viewtotal").fetchall())
    assert before.keys() == after.keys()
    left_out = databases.left_out_tables()
    # Sessions, readers' salts and marks are the running site's secrets: never copied.
    assert all(before[table] and not after[table] for table in left_out)
    differing = [table for table in before if table not in left_out and before[table] != after[table]]
    assert not differing
    assert before["content_article"] and before["content_correction"] and before["content_byline"]
    assert totals[story.pk] == 1200 + 3  # the imported history and the three beacons that waited in Redis

    photos = media_files(Path(settings.MEDIA_ROOT))
    assert len([name for name in photos if name.startswith("renditions/")]) >= 6
    assert media_files(target.media_root) == photos

    # With --force, a restore replaces what an install holds (here, the correction deleted).
    with target.connect() as restored:
        restored.execute("DELETE FROM content_correction")
    _restored(target, result.path, "--force")
    with databases_pair(target) as (source, restored):
        assert table_rows(restored)["content_correction"] == table_rows(source)["content_correction"] != []

    # A database copy that cannot be restored (cut short, with checksums to match) changes nothing.
    broken = _rewrite(result.path, tmp_path / "broken.tar", data=_cut_the_database, checksums_follow=True)
    refused = target.manage("restore", str(broken), "--force")
    assert refused.returncode == 1 and "the database is as it was" in refused.stderr.lower(), refused.stderr
    with target.connect() as restored:
        assert table_rows(restored) == after


def test_with_redis_down_no_backup_is_made_unless_asked_to_go_without_the_waiting_views(
    transactional_db, private_redis, make_article, tmp_path
):
    directory = tmp_path / "backups"
    private_redis.kill()
    with pytest.raises(BackupError, match="Redis cannot be reached"):
        backup_create(directory=directory)
    assert list(directory.iterdir()) == []
    result = backup_create(directory=directory, flush_views=False)
    assert [p.name for p in directory.iterdir()] == [result.path.name]


def test_a_backup_taken_while_the_site_counts_views_is_one_consistent_moment(
    transactional_db, make_article, empty_install, tmp_path
):
    """Each counted view updates the total, the hour and the day in one transaction: in a
    consistent copy, every total is exactly the sum of its days."""
    articles = [make_article(f"Story {n}") for n in range(3)]
    zone = site_settings().zone
    stop, rounds = threading.Event(), []

    def count_views() -> None:
        while not stop.is_set():
            for article in articles:
                views_add(article_id=article.pk, views=1, at=timezone.now(), zone=zone)
            rounds.append(1)
        connection.close()

    def wait_for(count: int) -> None:
        while len(rounds) < count:
            stop.wait(0.01)

    writer = threading.Thread(target=count_views)
    writer.start()
    try:
        wait_for(20)
        result = backup_create(directory=tmp_path / "backups")
        wait_for(len(rounds) + 20)  # the site went on writing after the copy
    finally:
        stop.set()
        writer.join()

    target = empty_install()
    _restored(target, result.path)
    with target.connect() as restored:
        totals = dict(restored.execute("SELECT article_id, views FROM audience_viewtotal").fetchall())
        days = dict(restored.execute("SELECT article_id, SUM(views) FROM audience_viewday GROUP BY article_id"))
    assert set(totals) == {article.pk for article in articles}
    assert {article: int(views) for article, views in days.items()} == totals
    live = dict(ViewTotal.objects.values_list("article_id", "views"))
    assert all(20 <= totals[article] < live[article] for article in live)  # a moment in the middle


@pytest.mark.django_db(transaction=True)
def test_an_archive_of_an_older_version_restores_and_is_migrated(empty_install, tmp_path):
    """The archive lacks the last migration of audience; the restore applies it."""
    executor = MigrationExecutor(connection)
    (last,) = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "audience"]
    (before_last,) = executor.loader.graph.node_map[last].parents
    executor.migrate([before_last.key])
    try:  # the code of that older version would not read the newer tables: no flush of views
        result = backup_create(directory=tmp_path / "backups", flush_views=False)
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
        roles_create()
    target = empty_install()
    done = _restored(target, result.path)
    assert "1 newer migrations applied" in done.stdout
    with target.connect() as restored:
        applied = restored.execute("SELECT app, name FROM django_migrations").fetchall()
    assert last in applied


def test_media_are_read_after_the_database_is_copied(db, make_photo, tmp_path, settings):
    """A photo's files are stored before its row commits, and the media are read after the
    database copy: every file a copied row names is in the archive, whole."""
    photo = make_photo()
    result = backup_create(directory=tmp_path / "backups")
    members = archive_members(result.path)
    names = list(members)
    assert names[0].startswith("database/") and names[-1] == "manifest.json"
    assert members[f"media/{photo.file.name}"] == (Path(settings.MEDIA_ROOT) / photo.file.name).read_bytes()


# Refusals: each leaves the target exactly as it was.


def _rewrite(source: Path, target: Path, *, data=None, manifest=None, extra=None, drop="", checksums_follow=False):
    """A copy of an archive with a member's bytes, the manifest or the members changed;
    `checksums_follow`: the manifest lists the changed bytes' sizes and SHA-256."""
    members = archive_members(source)
    listed = json.loads(members.pop("manifest.json"))
    members = {name: (data(name, content) if data else content) for name, content in members.items() if name != drop}
    if checksums_follow:
        for entry in listed["files"]:
            content = members[entry["path"]]
            entry.update(size=len(content), sha256=hashlib.sha256(content).hexdigest())
    if manifest:
        manifest(listed)
    members |= extra or {}
    members["manifest.json"] = json.dumps(listed).encode()
    with tarfile.open(target, "w") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return target


def _cut_the_database(name: str, content: bytes) -> bytes:
    return content[:-100] if name.startswith("database/") else content  # its table of contents is whole


def _flip_a_media_byte(name: str, content: bytes) -> bytes:
    return content[:100] + bytes([content[100] ^ 1]) + content[101:] if name.startswith("media/photos/") else content


def _truncate(source: Path, target: Path, at: float) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * at)])
    return target


def _truncate_in_manifest(source: Path, target: Path) -> Path:
    with tarfile.open(source) as tar:
        manifest = tar.getmember("manifest.json")
    target.write_bytes(source.read_bytes()[: manifest.offset_data + manifest.size // 2])
    return target


def _other_engine(manifest: dict) -> None:
    manifest["database"]["engine"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"


DAMAGES = {
    "a flipped byte": (lambda a, t: _rewrite(a, t, data=_flip_a_media_byte), "does not match its checksum"),
    "cut in half": (lambda a, t: _truncate(a, t, 0.5), "truncated"),
    "cut in the manifest": (lambda a, t: _truncate_in_manifest(a, t), "truncated"),
    "a missing file": (lambda a, t: _rewrite(a, t, drop=_first_media(a)), "lacks 1 file"),
    "an unlisted file": (lambda a, t: _rewrite(a, t, extra={"media/evil.html": b"<script>"}), "does not list"),
    "a path out of the folder": (
        lambda a, t: _rewrite(a, t, manifest=lambda m: m["files"][-1].update(path="media/../../evil")),
        "outside database/ and media/",
    ),
    "not a tar at all": (lambda a, t: t.write_bytes(b"\xff\xd8\xff" + bytes(5000)) and t, "not a readable"),
    "the other engine": (lambda a, t: _rewrite(a, t, manifest=_other_engine), "Restoring across engines"),
    "a newer version": (
        lambda a, t: _rewrite(a, t, manifest=lambda m: m["migrations"].append("content.9999_from_the_future")),
        "made by a newer Newsdesk",
    ),
    "a newer format": (lambda a, t: _rewrite(a, t, manifest=lambda m: m.update(format=2)), "format 2"),
}


def _first_media(archive: Path) -> str:
    return next(name for name in archive_members(archive) if name.startswith("media/"))


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def archive_then_empty(db, make_photo, tmp_path, settings) -> Path:
    """An archive with a photo, and an install emptied since: a valid target for a restore."""
    photo = make_photo()
    archive = backup_create(directory=tmp_path / "backups").path
    photo.delete()
    shutil.rmtree(settings.MEDIA_ROOT)
    return archive


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_or_foreign_archive_is_refused_before_anything_is_written(
    archive_then_empty, damage, tmp_path, settings
):
    make, reason = DAMAGES[damage]
    damaged = make(archive_then_empty, tmp_path / "damaged.tar")
    counts = _row_counts()
    with pytest.raises(BackupError, match=reason):
        backup_restore(archive=damaged)
    assert _row_counts() == counts
    media_root = Path(settings.MEDIA_ROOT)
    assert not media_root.exists() or not list(media_root.rglob("*"))  # nor a staging folder left behind


def test_a_target_holding_content_is_refused(archive_then_empty, make_article):
    make_article()
    counts = _row_counts()
    with pytest.raises(BackupError, match=r"not empty .*content_article.*--force"):
        backup_restore(archive=archive_then_empty)
    assert _row_counts() == counts


def test_a_target_holding_media_files_is_refused(archive_then_empty, settings):
    logo = Path(settings.MEDIA_ROOT) / "site" / "logo.png"
    logo.parent.mkdir(parents=True)
    logo.write_bytes(b"a logo")
    with pytest.raises(BackupError, match=r"not empty .*files under"):
        backup_restore(archive=archive_then_empty)
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == [logo]
