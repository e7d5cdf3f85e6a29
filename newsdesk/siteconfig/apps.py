from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfigConfig(AppConfig):
    name = "newsdesk.siteconfig"
    label = "siteconfig"
    verbose_name = _("Agency")

    def ready(self) -> None:
        # Connects the receivers that forget the kept schedule and pages when they change.
        from newsdesk.siteconfig import pages, schedule  # noqa: F401
