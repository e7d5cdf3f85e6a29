from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    """Feeds and sitemaps: the machine-readable channels out of the reader's site."""

    name = "newsdesk.syndication"
    label = "syndication"
    verbose_name = _("Feeds and sitemaps")

    def ready(self) -> None:
        from newsdesk.content.events import story_changed
        from newsdesk.syndication import jobs  # noqa: F401  (models are loaded only now; its job registers)
        from newsdesk.syndication.archive import archive_story_changed
        from newsdesk.syndication.archive_pages import archive_pages_forget_story
        from newsdesk.syndication.feed_paths import feeds_forget_story
        from newsdesk.syndication.sitemap_invalidation import sitemaps_forget_story

        # In this order: receivers are called as connected, and the sitemaps and archive
        # pages forgotten must be rebuilt from counts that include the change.
        story_changed.connect(archive_story_changed, dispatch_uid="syndication.archive_story_changed")
        story_changed.connect(archive_pages_forget_story, dispatch_uid="syndication.archive_pages_forget_story")
        story_changed.connect(sitemaps_forget_story, dispatch_uid="syndication.sitemaps_forget_story")
        story_changed.connect(feeds_forget_story, dispatch_uid="syndication.feeds_forget_story")
