from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "newsdesk.public"
    label = "public"
