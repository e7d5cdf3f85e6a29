from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "newsdesk.backup"
    label = "backup"
