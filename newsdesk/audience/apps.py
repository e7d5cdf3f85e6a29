from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudienceConfig(AppConfig):
    name = "newsdesk.audience"
    label = "audience"
    verbose_name = _("Audience")

    def ready(self) -> None:
        from newsdesk.audience import jobs  # noqa: F401  (models are loaded only now; its jobs register)
        from newsdesk.audience.rankings import rankings_forget_story
        from newsdesk.audience.views import visibility_forget_story
        from newsdesk.content.events import story_changed

        story_changed.connect(rankings_forget_story, dispatch_uid="audience.rankings_forget_story")
        story_changed.connect(visibility_forget_story, dispatch_uid="audience.visibility_forget_story")
