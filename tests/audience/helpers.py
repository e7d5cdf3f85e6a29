from newsdesk.audience import redis_counter
from newsdesk.audience.models import ViewTotal
from newsdesk.siteconfig.selectors import site_settings


def stored_total(article) -> int:
    """The article's count in the database, after the worker's flush when counting goes through Redis."""
    if redis_counter.enabled():
        redis_counter.flush(zone=site_settings().zone)
    return ViewTotal.objects.filter(article=article).values_list("views", flat=True).first() or 0
