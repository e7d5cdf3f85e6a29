"""The worker is killed again and again, some of the times in the middle of a flush.

Every flush renames the pending counts in Redis, writes them with its id in one
transaction, then tidies Redis; the next worker finishes whatever a killed one left.
However often it dies, each view answered as counted is stored exactly once. (A kill
in the millisecond between the commit and the tidying is rarely caught here; the
flush's own test makes that moment happen: tests/audience/test_counting.py.)
"""

import random
import signal
import time

import pytest
import redis

from newsdesk.audience import redis_counter
from newsdesk.audience.jobs import counts_flush
from newsdesk.audience.models import FlushLog
from tests.conftest import _free_port
from tests.faults.conftest import start_worker
from tests.faults.judge import assert_views_stored_once
from tests.faults.load import Load
from tests.faults.site import site_build, site_report
from tests.public.appserver import server_env, start_app_server, stop

KILLS = 6
# Kills aimed at a flush under way (its id in Redis) until this many land in one.
IN_A_FLUSH = 2


def _kill_in_a_flush(worker, flush_id_key: str, probe: redis.Redis, seconds: float = 10) -> str | None:
    """SIGKILL the worker as soon as a flush is under way; the id of the flush it was in, if any."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not probe.exists(flush_id_key):
        time.sleep(0.001)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    flush_id = probe.get(flush_id_key)
    return flush_id.decode() if flush_id else None


@pytest.mark.django_db(transaction=True)
def test_the_worker_killed_at_any_moment_loses_and_doubles_no_view(private_redis):
    site = site_build()
    env = server_env(REDIS_URL=private_redis.url, BEHIND_PROXY="1", LOG_LEVEL="WARNING")
    port = _free_port()
    server, worker = start_app_server(port, env, workers=2), None
    probe = redis.Redis.from_url(private_redis.url, socket_timeout=2)
    flush_id_key = redis_counter._hash_keys()[4]
    chance = random.Random()
    kills = {"outside a flush": 0, "before its transaction committed": 0, "after it committed": 0}
    try:
        with Load([port], pages=[], readers=0, beacons=3, beacon_articles=site["beacon_articles"]) as load:
            for n in range(KILLS * 3):
                worker = start_worker(env)
                aimed = sum(kills.values()) - kills["outside a flush"] < IN_A_FLUSH and n % 2 == 0
                if aimed:
                    flush_id = _kill_in_a_flush(worker, flush_id_key, probe)
                else:
                    time.sleep(chance.uniform(0.5, 3))  # a flush every 2 s: now and then inside one
                    worker.send_signal(signal.SIGKILL)
                    worker.wait(timeout=30)
                    flush_id = probe.get(flush_id_key)
                    flush_id = flush_id.decode() if flush_id else None
                if flush_id is None:
                    kills["outside a flush"] += 1
                elif FlushLog.objects.filter(flush_id=flush_id).exists():
                    kills["after it committed"] += 1
                else:
                    kills["before its transaction committed"] += 1
                if n + 1 >= KILLS and sum(kills.values()) - kills["outside a flush"] >= IN_A_FLUSH:
                    break
            worker = start_worker(env)  # the one that lives, until the load ends
            load.wait_for_answers("beacon", 20, after=time.monotonic())
        worker.terminate()
        worker.wait(timeout=30)
        counts_flush()  # the last, clean round: unanswered views sent again, then a flush
    finally:
        stop(server)
        if worker is not None and worker.poll() is None:
            worker.kill()
    stored = site_report(article_ids=site["beacon_articles"], draft_id=site["draft"]["id"])

    beacons = load.of("beacon")
    assert sum(kills.values()) - kills["outside a flush"] >= IN_A_FLUSH, kills  # some kills did land in a flush
    assert_views_stored_once(load, stored)
    # Each from a reader of its own: every one counts, and all of them through Redis.
    assert stored["total"] == stored["flushed"] == len(beacons)
    assert not probe.exists(*redis_counter._hash_keys())  # nothing left pending or half flushed

    print(f"\nworker killed {sum(kills.values())} times ({kills}); {len(beacons)} beacons at {load.rate():.0f}/s")
