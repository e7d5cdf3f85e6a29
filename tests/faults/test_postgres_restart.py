"""PostgreSQL restarts (a fast shutdown, then a start) while readers, beacons and an editor keep coming.

Stored pages go on serving from Redis; what needs the database answers a designed 503
with Retry-After, quickly; views wait in Redis; every edit answered as saved is saved;
and within seconds of the start everything answers as before.
"""

import json
import os
import subprocess
import sys
import time

from tests.faults.conftest import ROOT, run_worker_once, serving
from tests.faults.judge import assert_edits_kept, assert_views_stored_once, unavailable
from tests.faults.load import Load, describe, saved, wait_until

DOWN_SECONDS = 3
SITE = ROOT / "tests" / "faults" / "site.py"


def _site(env: dict, what: str, **arguments) -> dict:
    done = subprocess.run(
        [sys.executable, str(SITE), what, json.dumps(arguments)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def test_postgres_restarts_under_load(private_postgres, private_redis):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"},
        "DATABASE_URL": private_postgres.url(),
        "TEST_DATABASE_NAME": "newsdesk",
        "REDIS_URL": private_redis.url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PAGE_CACHE": "1",
        "BEHIND_PROXY": "1",
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py", "migrate", "--no-input", "-v0"]
    subprocess.run(manage, cwd=ROOT, env=env, check=True, timeout=300)
    site = _site(env, "build")
    with serving(site, env, editor_on=1) as running:
        load = Load(running.ports, pages=site["pages"], needs_database=site["needs_database"],
                    beacon_articles=site["beacon_articles"], editor=running.editor)  # fmt: skip
        with load:
            load.wait_for_answers("beacon", 30, after=load.marks["start"])
            load.mark("stopping")
            private_postgres.stop("fast")
            load.mark("stopped")
            time.sleep(DOWN_SECONDS)
            load.wait_for_answers("page", 10, after=load.marks["stopped"])
            load.wait_for_answers("needs_database", 2, after=load.marks["stopped"])
            load.wait_for_answers("edit open", 1, after=load.marks["stopped"])
            load.mark("starting")
            private_postgres.start()
            load.mark("started")

            def everything_answers() -> bool:
                after = [a for a in load.answers if a.started > load.marks["started"]]
                return (
                    any(a.kind == "needs_database" and a.status == 301 for a in after)
                    and any(a.kind == "beacon" and a.status == 200 for a in after)
                    and any(saved(a) for a in after)
                )

            recovered = wait_until(everything_answers, seconds=30, what="every kind of request answering again")
            load.wait_for_answers("beacon", 20, after=recovered)
        running.worker.terminate()
        running.worker.wait(timeout=30)
        run_worker_once(env)  # the last flush of what waits in Redis
        stored = _site(env, "report", article_ids=site["beacon_articles"], draft_id=site["draft"]["id"])
    outage = (load.marks["stopping"], load.marks["started"])
    degraded = (load.marks["stopping"], recovered + 1)  # answers that began before the recovery was seen
    pages, beacons, edits = load.of("page"), load.of("beacon"), load.of("edit")
    needing = load.of("needs_database")
    unanswered = [describe(a) for a in load.answers if a.status == 0]
    assert not unanswered, unanswered[:10]  # no request hung or was dropped
    assert not [describe(a) for a in load.answers if a.status == 500]

    # Stored pages served all along, the restart included.
    assert all(a.status == 200 for a in pages), [describe(a) for a in pages if a.status != 200][:10]
    assert load.of("page", between=outage)

    # What needs the database: the designed 503 while it is away, its answer before and after.
    refused = [a for a in needing if a.status != 301]
    assert refused and all(unavailable(a) for a in refused), [describe(a) for a in refused][:10]
    assert all(degraded[0] <= a.ended and a.started <= degraded[1] for a in refused)
    assert "The site is briefly unavailable" in refused[0].text and refused[0].headers["Retry-After"] == "30"

    # Views: every beacon answered; those answered as counted are stored, once each,
    # the ones counted while the database was away (held in Redis) included.
    counted = assert_views_stored_once(load, stored)
    counted_during = sum(a.counted() for a in load.of("beacon", between=outage))
    assert counted_during

    # Edits: a save answered as done is in the story and its revisions; one that was not
    # answered the 503 page that says so, and only around the restart.
    kept = assert_edits_kept(load, stored, first_version=site["draft"]["version"])
    failed = [a for a in edits if not saved(a)]
    assert all(degraded[0] <= a.ended and a.started <= degraded[1] for a in failed)

    slowest = max(a.seconds for a in refused + failed)
    print(
        f"\nPostgreSQL stopped in {load.marks['stopped'] - load.marks['stopping']:.1f} s, down "
        f"{load.marks['starting'] - load.marks['stopped']:.1f} s, started in "
        f"{load.marks['started'] - load.marks['starting']:.1f} s; everything answered again "
        f"{recovered - load.marks['started']:.1f} s after the start; {load.rate():.0f} requests/s; "
        f"{len(load.of('page', between=outage))} stored pages served during the restart; {len(refused)} 503s for "
        f"pages that need the database (slowest {slowest:.2f} s); {len(beacons) - counted} of {len(beacons)} "
        f"beacons not counted, {counted_during} counted during the restart; {len(failed)} of {len(edits)} saves "
        f"refused, {len([a for a in failed if a.label in kept])} of them saved after all"
    )
