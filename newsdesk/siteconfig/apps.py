from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfigConfig(AppConfig):
    name = "newsdesk.siteconfig"
    label = "siteconfig"
    verbose_name = _("Agency")
