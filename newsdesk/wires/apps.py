from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class WiresConfig(AppConfig):
    name = "newsdesk.wires"
    label = "wires"
    verbose_name = gettext_lazy("Wires")

    def ready(self) -> None:
        from newsdesk.wires import jobs  # noqa: F401  (registers the periodic jobs)
