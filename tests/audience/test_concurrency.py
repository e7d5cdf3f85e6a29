"""Thousands of beacons from several processes at once: the stored total is exact."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Sum

from newsdesk.audience import redis_counter
from newsdesk.audience.models import ViewDay, ViewHour, ViewTotal
from newsdesk.siteconfig.selectors import site_settings

STORM = Path(__file__).with_name("storm.py")
PROCESSES = 4
BEACONS = 500


@pytest.mark.django_db(transaction=True)
def test_concurrent_beacons_from_several_processes_are_counted_exactly(backend, make_article, settings):
    env = {**os.environ, "REDIS_URL": settings.REDIS_URL}
    article = make_article()
    database = str(connection.settings_dict["NAME"])
    storms = [
        subprocess.Popen(
            [sys.executable, str(STORM), database, str(article.pk), str(n), str(BEACONS)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]
    answers = [int(storm.communicate(timeout=300)[0].strip() or -1) for storm in storms]
    assert answers == [BEACONS] * PROCESSES
    if backend == "redis":
        redis_counter.flush(zone=site_settings().zone)
    expected = PROCESSES * BEACONS
    assert ViewTotal.objects.get(article=article).views == expected
    assert ViewHour.objects.filter(article=article).aggregate(s=Sum("views"))["s"] == expected
    assert ViewDay.objects.filter(article=article).aggregate(s=Sum("views"))["s"] == expected
