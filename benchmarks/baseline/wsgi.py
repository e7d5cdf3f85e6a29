"""The baseline site's WSGI application (benchmarks/serving.py starts granian with it)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.baseline.settings"
application = get_wsgi_application()
