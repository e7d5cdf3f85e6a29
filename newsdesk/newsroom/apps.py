from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsdesk.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from newsdesk.newsroom import jobs, signals  # noqa: F401  (audit of permission changes; jobs register)
