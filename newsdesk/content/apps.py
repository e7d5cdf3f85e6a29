from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "newsdesk.content"
    label = "content"
    verbose_name = _("Content")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from newsdesk.content import jobs  # noqa: F401  (models are loaded only now; it registers its job)
        from newsdesk.content.models import Section
        from newsdesk.content.selectors import menu_forget
        from newsdesk.lib import lookups

        lookups.register()  # numbers from outside that no column can hold match nothing
        # In every process, not only those that happen to import the selectors.
        post_save.connect(menu_forget, sender=Section, dispatch_uid="content.menu_forget")
        post_delete.connect(menu_forget, sender=Section, dispatch_uid="content.menu_forget")
