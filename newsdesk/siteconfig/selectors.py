from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsdesk.siteconfig.models import SiteSettings

CACHE_KEY = "siteconfig:settings:v1"
# Several app servers with local-memory caches see a change within this many seconds;
# with Redis every server sees it at once, because saving deletes the shared key.
CACHE_SECONDS = 60


def site_settings() -> SiteSettings:
    """The agency's settings, from the cache when possible; created with defaults if missing."""
    settings_row = cache.get(CACHE_KEY)
    if settings_row is None:
        settings_row, _created = SiteSettings.objects.get_or_create(pk=1)
        cache.set(CACHE_KEY, settings_row, CACHE_SECONDS)
    return settings_row


@receiver([post_save, post_delete], sender=SiteSettings)
def _forget_cached_settings(**kwargs) -> None:
    cache.delete(CACHE_KEY)
