"""One process of the beacon storm: POSTs `count` beacons from distinct readers.

    python tests/audience/storm.py <database name> <article id> <process number> <count>

Run by test_concurrency.py, several at once, against the test database.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

from django.conf import settings

database, article_id, process_number, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
settings.DATABASES["default"]["NAME"] = database

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"

client = Client(HTTP_HOST="127.0.0.1")
counted = 0
for n in range(count):
    address = f"{10 + process_number}.{n // 250}.{n % 250}.1"  # distinct readers of distinct networks
    response = client.post(f"/en/news/{article_id}/views/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address)
    if response.status_code != 200:
        sys.exit(f"beacon {n} answered {response.status_code}")
    counted += response.json()["counted"]
print(counted)
