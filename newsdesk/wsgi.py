"""The WSGI application: stored public pages first (public/pagecache.py), then view
beacons (audience/beacon_first.py), then the reader's pages through the middleware they
need (public/public_first.py), then Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
django_application = get_wsgi_application()

# Both read the content models, so they are imported once the apps are loaded.
from newsdesk.audience.beacon_first import BeaconsFirst  # noqa: E402
from newsdesk.public.pagecache import CachedPagesFirst  # noqa: E402
from newsdesk.public.public_first import PublicPagesFirst  # noqa: E402

application = CachedPagesFirst(BeaconsFirst(PublicPagesFirst(django_application)))
