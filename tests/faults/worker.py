"""`manage.py worker` on the database TEST_DATABASE_NAME names, for tests that kill it.

python tests/faults/worker.py [worker options]
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

from django.conf import settings

settings.DATABASES["default"]["NAME"] = os.environ["TEST_DATABASE_NAME"]

from django.core.management import execute_from_command_line  # noqa: E402

execute_from_command_line(["manage.py", "worker", *sys.argv[1:]])
