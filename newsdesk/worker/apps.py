from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "newsdesk.worker"
    label = "worker"
