"""The WSGI application: stored public pages first (public/pagecache.py), then Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
django_application = get_wsgi_application()

# The page cache reads the content models, so it is imported once the apps are loaded.
from newsdesk.public.pagecache import CachedPagesFirst  # noqa: E402

application = CachedPagesFirst(django_application)
