from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsdesk.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from django.contrib.admin import widgets

        from newsdesk.newsroom import jobs, signals  # noqa: F401  (audit of permission changes; jobs register)

        # Select2 ships no Kazakh: ours (static/admin/js/vendor/select2/i18n/kk.js, kk-Latn.js)
        # takes its messages from the JavaScript catalogue.
        widgets.SELECT2_TRANSLATIONS.update({"kk": "kk", "kk-latn": "kk-Latn"})
