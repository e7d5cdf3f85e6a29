"""The database copy, out and back in, for each engine Newsdesk runs on.

SQLite: the online backup API copies the live database in one step, a consistent
snapshot taken inside one read transaction; under WAL the site's writers go on while
it runs. The live file is never copied as a file (that would miss what is still in the
WAL, or catch a checkpoint half-written).

PostgreSQL: `pg_dump` in its custom format (one snapshot, compressed), and on restore
`pg_restore` feeding `psql` inside one transaction that first drops what the target holds:
the target ends up with the archive's database or, on any error, exactly as it was.

Rows that must not outlive the running site are left out of every copy (LEFT_OUT).
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from newsdesk.audience.models import DailySalt, RecentView
from newsdesk.backup.archive import ENGINES, BackupError
from newsdesk.search.engines import engine as search_engine
from newsdesk.siteconfig.models import SiteSettings


def left_out_tables() -> dict[str, str]:
    """Tables kept empty in a backup, and why: each row is a secret of the running site."""
    return {
        Session._meta.db_table: "signed-in sessions: whoever holds one acts as that editor",
        DailySalt._meta.db_table: "the daily salts of readers' hashes: they are forgotten after two days on purpose",
        RecentView._meta.db_table: "readers' recent-view marks, hashes that only the salts give meaning",
    }


def fresh_install_tables() -> set[str]:
    """Tables that an install fills by itself (migrations, the first page): not content."""
    return {
        MigrationRecorder.Migration._meta.db_table,
        ContentType._meta.db_table,
        Permission._meta.db_table,
        Group._meta.db_table,
        Group.permissions.through._meta.db_table,
        SiteSettings._meta.db_table,
        *left_out_tables(),
        *search_engine().derived_tables(),
    }


def engine() -> str:
    if connection.vendor not in ENGINES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def file_name() -> str:
    return {"sqlite": "newsdesk.sqlite3", "postgresql": "newsdesk.pgdump"}[engine()]


def server_version() -> str:
    if engine() == "sqlite":
        return sqlite3.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def applied_migrations() -> list[str]:
    """The applied migrations as "app.name", sorted."""
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def unknown_migrations(migrations: list[str]) -> list[str]:
    """Migrations of an archive that this code does not have (the archive is from a newer Newsdesk)."""
    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    return [migration for migration in migrations if migration not in known]


def tables_with_content() -> list[str]:
    """Tables of the target database that hold rows a fresh install would not have."""
    if engine() == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        return []
    quote, skip = connection.ops.quote_name, fresh_install_tables()
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table not in skip:
                cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")  # noqa: S608 (a table name, quoted)
                if cursor.fetchone():
                    found.append(table)
    return found


def snapshot(*, into: Path) -> None:
    """Write a consistent copy of the live database, without the LEFT_OUT rows, to `into`."""
    if engine() == "sqlite":
        _sqlite_snapshot(Path(connection.settings_dict["NAME"]), into)
    else:
        _postgres_snapshot(into)


def restore(*, copy: Path) -> None:
    """Replace the target database with `copy` (made by `snapshot`), whole or not at all."""
    connection.close()  # the restore replaces what this connection may have cached
    if engine() == "sqlite":
        _sqlite_restore(copy, Path(connection.settings_dict["NAME"]))
    else:
        _postgres_restore(copy)
    connection.close()


# SQLite.


def _sqlite_snapshot(live: Path, into: Path) -> None:
    if not live.exists():
        raise BackupError(f"There is no database at {live}: nothing to back up (run `manage.py migrate` first).")
    try:
        # mode=rw: never create an empty database where the live one should be.
        with (
            closing(sqlite3.connect(f"file:{live}?mode=rw", uri=True, timeout=20)) as source,
            closing(sqlite3.connect(into)) as copy,
        ):
            source.backup(copy)  # pages=-1: the whole database in one step, one snapshot
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            copy.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, whatever the build's default
            tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table in sorted(set(left_out_tables()) & tables):
                copy.execute(f'DELETE FROM "{table}"')  # noqa: S608 (our own table names)
            copy.commit()
            copy.execute("VACUUM")  # and the pages they freed are given back
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not copy {live}: {error}.") from None


def _sqlite_restore(copy: Path, live: Path) -> None:
    live.parent.mkdir(parents=True, exist_ok=True)
    try:
        with (
            closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(live, timeout=20)) as target,
        ):
            verdict = source.execute("PRAGMA quick_check").fetchone()[0]
            pages = source.execute("PRAGMA page_count").fetchone()[0] * source.execute("PRAGMA page_size").fetchone()[0]
            if verdict == "ok" and pages != copy.stat().st_size:
                verdict = f"{copy.stat().st_size} bytes where its pages take {pages}"  # a file cut short
            if verdict != "ok":
                raise BackupError(f"The archive's database is damaged ({verdict}); the database is as it was.")
            # One step inside one write transaction of the target: all of it or, on error, none.
            source.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not restore into {live}: {error}. The database is as it was.") from None


# PostgreSQL.

# libpq connection options that Django's OPTIONS may carry and the command-line tools understand.
LIBPQ_OPTIONS = (
    "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "connect_timeout", "options",
    "target_session_attrs", "service", "passfile", "channel_binding", "gssencmode",
)  # fmt: skip


def _conninfo_value(value: object) -> str:
    text = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{text}'"


def _libpq() -> tuple[str, dict[str, str]]:
    """A connection string for pg_dump/psql and their environment; the password goes in the
    environment, never on a command line that `ps` shows."""
    db = connection.settings_dict
    parts = {"dbname": db["NAME"], "user": db.get("USER"), "host": db.get("HOST"), "port": db.get("PORT")}
    parts |= {key: db.get("OPTIONS", {}).get(key) for key in LIBPQ_OPTIONS}
    conninfo = " ".join(f"{key}={_conninfo_value(value)}" for key, value in parts.items() if value not in (None, ""))
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return conninfo, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: backups on PostgreSQL need the PostgreSQL client tools "
            "(Debian and Ubuntu: apt install postgresql-client), of the server's version or newer."
        )
    return path


def _postgres_snapshot(into: Path) -> None:
    conninfo, env = _libpq()
    command = [
        _tool("pg_dump"), "--format=custom", "--lock-wait-timeout=60000", f"--file={into}",
        *(f"--exclude-table-data={table}" for table in sorted(left_out_tables())), "--dbname", conninfo,
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip() or done.returncode}")


def _postgres_restore(copy: Path) -> None:
    pg_restore, psql = _tool("pg_restore"), _tool("psql")
    listed = subprocess.run([pg_restore, "--list", str(copy)], capture_output=True, text=True, check=False)  # noqa: S603
    if listed.returncode != 0:
        said = listed.stderr.strip()
        raise BackupError(f"pg_restore cannot read the archive's dump; the database is as it was. {said}")
    conninfo, env = _libpq()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        existing = connection.introspection.table_names(cursor)
    connection.close()
    # Everything in one transaction that we commit only once pg_restore has produced all of
    # its output: a failure anywhere leaves the target as it was.
    prologue = "SET lock_timeout = '30s';\nBEGIN;\n"
    if existing:
        prologue += f"DROP TABLE IF EXISTS {', '.join(quote(t) for t in existing)} CASCADE;\n"
    errors = copy.with_name("restore-errors.txt")
    with open(errors, "w+") as error_log:
        applying = subprocess.Popen(  # noqa: S603
            [psql, "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--file=-", "--dbname", conninfo],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=error_log, env=env,
        )  # fmt: skip
        reading = subprocess.Popen(  # noqa: S603
            [pg_restore, "--no-owner", "--no-privileges", "--no-comments", "--file=-", str(copy)],
            stdout=subprocess.PIPE, stderr=error_log,
        )  # fmt: skip
        assert applying.stdin is not None and reading.stdout is not None  # both made as pipes above
        try:
            applying.stdin.write(prologue.encode())
            shutil.copyfileobj(reading.stdout, applying.stdin)
            if reading.wait() == 0:
                applying.stdin.write(b"COMMIT;\n")
            applying.stdin.close()
        except BrokenPipeError:
            pass  # psql stopped at an error: the transaction is rolled back, the log says why
        reading.wait()
        applied = applying.wait()
        error_log.seek(0)
        said = error_log.read().strip()
    if reading.returncode != 0 or applied != 0:
        raise BackupError(f"PostgreSQL restore failed; the database is as it was. {said}")
