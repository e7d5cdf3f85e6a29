from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in: throttling, two-factor, password reset, sessions."""

    name = "newsdesk.accounts"
    label = "accounts"
    verbose_name = _("Staff sign-in")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import m2m_changed

        from newsdesk.accounts import jobs, language, roles, sessions  # noqa: F401  (models are loaded only now; jobs register)

        user_logged_in.connect(sessions.session_begin, dispatch_uid="newsdesk.accounts.session_begin")
        user_logged_in.connect(language.language_remember, dispatch_uid="newsdesk.accounts.language")
        m2m_changed.connect(
            roles.roles_changed, sender=get_user_model().groups.through, dispatch_uid="newsdesk.accounts.roles"
        )


class StaffAdminConfig(admin_apps.AdminConfig):
    """The Django admin on `StaffAdminSite`: two-step sign-in, enrolment, idle sessions."""

    default = False  # named in INSTALLED_APPS by its full path
    default_site = "newsdesk.accounts.site.StaffAdminSite"
