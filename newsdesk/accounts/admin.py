"""The sign-in log in the back office, where a chief editor lifts a lockout.

Chief editors (and superusers) see it and have the `lift_lockout` permission; editors
and journalists have neither, so they get a 403 here.
"""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsdesk.accounts import people_admin, services  # noqa: F401  (people_admin registers the staff accounts)
from newsdesk.accounts.models import SignInAttempt
from newsdesk.accounts.requests import StaffRequest


@admin.register(SignInAttempt)
class SignInAttemptAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "address", "outcome", "cleared_at"]
    list_filter = ["outcome", ("cleared_at", admin.EmptyFieldListFilter)]
    search_fields = ["username", "address"]
    actions = ["lift_for_account", "lift_for_address"]
    show_full_result_count = False
    # The account's field has no verbose name of its own (Django would show "User" in English).
    fields = ["at", "username", "person", "address", "outcome", "cleared_at"]
    readonly_fields = ["person"]

    @admin.display(description=_("user"))
    def person(self, attempt: SignInAttempt) -> object:
        return attempt.user or "—"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SignInAttempt | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: SignInAttempt | None = None) -> bool:
        return False

    def has_lift_lockout_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.lift_lockout")

    def _lifted(self, request: HttpRequest, count: int) -> None:
        self.message_user(
            request,
            ngettext("%(count)d failed sign-in no longer counts.", "%(count)d failed sign-ins no longer count.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(permissions=["lift_lockout"], description=_("Lift the lockout of these accounts at these addresses"))
    def lift_for_account(self, request: StaffRequest, queryset: QuerySet[SignInAttempt]) -> None:
        self._lifted(request, services.lockout_lift(attempts=queryset, by=request.user))

    @admin.action(permissions=["lift_lockout"], description=_("Lift the lockout of these addresses for every account"))
    def lift_for_address(self, request: StaffRequest, queryset: QuerySet[SignInAttempt]) -> None:
        self._lifted(request, services.lockout_lift(attempts=queryset, by=request.user, whole_address=True))
