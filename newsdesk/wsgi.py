"""The WSGI application: stored public pages first (public/pagecache.py), then Django."""

import os

from django.core.wsgi import get_wsgi_application

from newsdesk.public.pagecache import CachedPagesFirst

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
application = CachedPagesFirst(get_wsgi_application())
