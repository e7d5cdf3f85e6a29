"""Redis crashes and comes back while readers, beacons and an editor keep coming.

Pages are served from the database while it is away, views are counted there, edits are
saved as ever; once it is back, pages are served from it again, and every view answered
as counted is stored exactly once, wherever it was counted.
"""

import time

import pytest

from newsdesk.audience.jobs import counts_flush
from tests.faults.conftest import serving
from tests.faults.judge import assert_edits_kept, assert_views_stored_once
from tests.faults.load import Load, describe, saved, wait_until
from tests.faults.site import site_build, site_report
from tests.public.appserver import server_env

DOWN_SECONDS = 4


@pytest.mark.django_db(transaction=True)
def test_redis_crashes_and_restarts_under_load(private_redis, settings):
    # The app servers check the editor's password with the production hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    site = site_build()
    env = server_env(REDIS_URL=private_redis.url, PAGE_CACHE="1", BEHIND_PROXY="1", LOG_LEVEL="WARNING")
    with serving(site, env) as running:
        with Load(
            running.ports, pages=site["pages"], beacon_articles=site["beacon_articles"], editor=running.editor
        ) as load:
            load.wait_for_answers("beacon", 30, after=load.marks["start"])
            load.mark("killed")
            private_redis.kill()
            time.sleep(DOWN_SECONDS)
            load.wait_for_answers("beacon", 10, after=load.marks["killed"])
            load.wait_for_answers("edit", 2, after=load.marks["killed"])
            load.mark("restarting")
            private_redis.start()
            load.mark("back")

            def from_redis_again() -> bool:
                return any(
                    a.headers.get("X-Page-Cache") == "hit" and a.started > load.marks["back"] for a in load.of("page")
                )

            cached_again = wait_until(from_redis_again, seconds=30, what="a page served from Redis again")
            load.wait_for_answers("beacon", 30, after=cached_again)
        running.worker.terminate()
        running.worker.wait(timeout=30)
        counts_flush()  # the worker's next round: unanswered views sent again, then a flush
    stored = site_report(article_ids=site["beacon_articles"], draft_id=site["draft"]["id"])

    pages, beacons, edits = load.of("page"), load.of("beacon"), load.of("edit")
    outage = (load.marks["killed"], load.marks["back"])
    assert all(a.status == 200 for a in load.of("open")), [describe(a) for a in load.of("open")]
    # Every page answered, from the database while Redis was away.
    assert all(a.status == 200 for a in pages), [describe(a) for a in pages if a.status != 200][:10]
    served_during = load.of("page", between=outage)
    assert served_during
    # Every view answered as counted is stored once: in the total, the hours and the days,
    # whichever back end counted it.
    counted = assert_views_stored_once(load, stored)
    assert stored["total"] == len(beacons)  # each from a reader of its own: every one counts
    # Every edit was saved (Redis plays no part in it), in the story and in its revisions.
    assert all(saved(a) for a in edits), [describe(a) for a in edits if not saved(a)][:5]
    assert_edits_kept(load, stored, first_version=site["draft"]["version"])

    print(
        f"\nRedis down {load.marks['back'] - load.marks['killed']:.1f} s; pages degraded (not from Redis) "
        f"for {cached_again - load.marks['killed']:.1f} s; {load.rate():.0f} requests/s over "
        f"{load.marks['stop'] - load.marks['start']:.1f} s; {len(pages)} pages ({len(served_during)} during the "
        f"outage), {len(beacons)} beacons ({stored['total'] - stored['flushed']} counted in the database, "
        f"{stored['flushed']} through Redis; {len(beacons) - counted} answered 503 and counted later); "
        f"{len(edits)} edits ({len(load.of('edit', between=outage))} during the outage)"
    )
