from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    """Feeds and sitemaps: the machine-readable channels out of the reader's site."""

    name = "newsdesk.syndication"
    label = "syndication"
    verbose_name = _("Feeds and sitemaps")

    def ready(self) -> None:
        # Imported here: the receivers read models, loaded only once the apps are.
        from newsdesk.content.events import story_changed
        from newsdesk.syndication.feed_paths import feeds_forget_story

        story_changed.connect(feeds_forget_story, dispatch_uid="syndication.feeds_forget_story")
