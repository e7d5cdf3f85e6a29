from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "newsdesk.content"
    label = "content"
    verbose_name = _("Content")

    def ready(self) -> None:
        from newsdesk.content import jobs  # noqa: F401  (models are loaded only now; it registers its job)
        from newsdesk.lib import lookups

        lookups.register()  # numbers from outside that no column can hold match nothing
