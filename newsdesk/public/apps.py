from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "newsdesk.public"
    label = "public"

    def ready(self) -> None:
        from newsdesk.content.events import story_changed  # models are loaded only now
        from newsdesk.public.invalidation import pages_forget_story

        story_changed.connect(pages_forget_story, dispatch_uid="public.pages_forget_story")
