"""The WSGI application on the test database, for app servers started by tests."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

from django.conf import settings

settings.DATABASES["default"]["NAME"] = os.environ["TEST_DATABASE_NAME"]

from newsdesk.wsgi import application  # noqa: E402, F401  (the production one, page cache first)
