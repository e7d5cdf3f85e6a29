from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    """Feeds and sitemaps: the machine-readable channels out of the reader's site."""

    name = "newsdesk.syndication"
    label = "syndication"
    verbose_name = _("Feeds and sitemaps")
