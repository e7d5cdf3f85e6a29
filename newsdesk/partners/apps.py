from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """The partner side: the news API, its keys, the outbox of webhooks and Telegram posts."""

    name = "newsdesk.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from newsdesk.content.events import story_changed, story_changing
        from newsdesk.partners import jobs  # noqa: F401  (models are loaded only now; its jobs register)
        from newsdesk.partners.versions import versions_story_changed, versions_story_changing

        story_changing.connect(versions_story_changing, dispatch_uid="partners.versions_story_changing")
        story_changed.connect(versions_story_changed, dispatch_uid="partners.versions_story_changed")
