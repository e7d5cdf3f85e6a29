from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsdesk.lib.memo import SharedMemo
from newsdesk.siteconfig.models import SiteSettings

CACHE_KEY = "siteconfig:settings:v1"
# Several app servers with local-memory caches see a change within this many seconds;
# with Redis every server sees it at once, because saving deletes the shared key.
CACHE_SECONDS = 60


def _read_settings() -> SiteSettings:
    settings_row, _created = SiteSettings.objects.get_or_create(pk=1)
    return settings_row


# Every request needs the settings (the time zone); unpickling them from the cache
# each time costs more than the rest of a beacon.
_memo = SharedMemo(key=CACHE_KEY, load=_read_settings, cache_seconds=CACHE_SECONDS, process_seconds=5)


def site_settings() -> SiteSettings:
    """The agency's settings, from memory or the cache when possible; created with defaults if missing."""
    return _memo.get()


def forget_site_settings() -> None:
    _memo.forget()


@receiver([post_save, post_delete], sender=SiteSettings)
def _forget_cached_settings(**kwargs: object) -> None:
    forget_site_settings()
