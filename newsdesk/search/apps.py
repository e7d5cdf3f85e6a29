from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "search"
    verbose_name = pgettext_lazy("the back office's name of the area", "Search")

    def ready(self) -> None:
        # Imported here, where models are loaded.
        from django.db.models.signals import post_save

        from newsdesk.content.events import story_changed
        from newsdesk.content.models import Article
        from newsdesk.search.index import document_write
        from newsdesk.search.related import related_story_changed
        from newsdesk.search.results_cache import results_forget

        post_save.connect(document_write, sender=Article, dispatch_uid="search-document-write")
        story_changed.connect(related_story_changed, dispatch_uid="search-related")
        story_changed.connect(results_forget, dispatch_uid="search-results-forget")
