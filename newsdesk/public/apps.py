from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "newsdesk.public"
    label = "public"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

        from newsdesk.content.events import front_changed, story_changed  # models are loaded only now
        from newsdesk.content.models import Article
        from newsdesk.editions.models import Transliteration
        from newsdesk.public.article_blocks import parts_story_changed
        from newsdesk.public.block_invalidation import SHOWN_ROWS, parts_forget_row, parts_forget_tagged
        from newsdesk.public.invalidation import (
            agency_page_slug_before,
            pages_forget_agency_page,
            pages_forget_front,
            pages_forget_programme,
            pages_forget_spelling,
            pages_forget_story,
            spelling_word_before,
        )
        from newsdesk.siteconfig.models import AgencyPage, Programme

        story_changed.connect(pages_forget_story, dispatch_uid="public.pages_forget_story")
        front_changed.connect(pages_forget_front, dispatch_uid="public.pages_forget_front")
        pre_save.connect(spelling_word_before, sender=Transliteration, dispatch_uid="public.spelling_word_before")
        post_save.connect(pages_forget_spelling, sender=Transliteration, dispatch_uid="public.spelling_saved")
        post_delete.connect(pages_forget_spelling, sender=Transliteration, dispatch_uid="public.spelling_deleted")
        pre_save.connect(agency_page_slug_before, sender=AgencyPage, dispatch_uid="public.agency_page_slug_before")
        post_save.connect(pages_forget_agency_page, sender=AgencyPage, dispatch_uid="public.agency_page_saved")
        post_delete.connect(pages_forget_agency_page, sender=AgencyPage, dispatch_uid="public.agency_page_deleted")
        post_save.connect(pages_forget_programme, sender=Programme, dispatch_uid="public.programme_saved")
        post_delete.connect(pages_forget_programme, sender=Programme, dispatch_uid="public.programme_deleted")
        # The stories' kept parts (article_blocks.py): rendered at publication, dropped when
        # a row they show changes.
        story_changed.connect(parts_story_changed, dispatch_uid="public.parts_story_changed")
        for model in SHOWN_ROWS:
            post_save.connect(parts_forget_row, sender=model, dispatch_uid=f"public.parts_saved.{model.__name__}")
            post_delete.connect(parts_forget_row, sender=model, dispatch_uid=f"public.parts_deleted.{model.__name__}")
        m2m_changed.connect(parts_forget_tagged, sender=Article.tags.through, dispatch_uid="public.parts_tagged")
