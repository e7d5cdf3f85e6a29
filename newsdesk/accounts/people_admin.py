"""Staff accounts in the back office: roles, desk membership, two-factor resets.

Only a superuser changes superusers, makes them or grants single permissions; anyone else
changes only the accounts of people whose rights they hold themselves, and gives only roles
they hold (`rules.can_manage_person`, `rules.grantable_roles`).
"""

from typing import TYPE_CHECKING, Any, Protocol, cast

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsdesk.accounts.models import TwoFactor
from newsdesk.accounts.permission_labels import PermissionsField
from newsdesk.accounts.requests import StaffRequest
from newsdesk.accounts.services import two_factor_turn_off
from newsdesk.lib.admin_forms import CappedInline
from newsdesk.newsroom import rules, services
from newsdesk.newsroom.models import AuditEntry, DeskMember

# `request.user` is cast to the account: the admin site lets only signed-in staff through.
if TYPE_CHECKING:
    from django.contrib.auth import models as auth
    from django.forms import BaseFormSet, ModelForm, ModelMultipleChoiceField

    class ListedPerson(Protocol):
        """A row of the list (StaffAdmin.get_queryset)."""

        two_factor_confirmed: bool


class DeskMemberInline(CappedInline, admin.StackedInline):
    model = DeskMember
    max_num = 1
    can_delete = False
    filter_horizontal = ["sections"]
    verbose_name_plural = _("sections they edit")


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


class PasswordChangeForm(AdminPasswordChangeForm):
    """Django joins its warning to the field's help as English at import; ours is joined
    when the form is made, so both halves are translated."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = format_html(
                '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
                SetUnusablePasswordMixin.usable_password_help_text,
                gettext("If disabled, the current password for this user will be lost."),
            )


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """Roles are groups; their permissions are listed in the staff's language."""

    def formfield_for_manytomany(
        self, db_field: "models.ManyToManyField[Any, Any]", request: HttpRequest | None = None, **kwargs: Any
    ) -> "ModelMultipleChoiceField[Any] | None":
        if db_field.name == "permissions":
            kwargs["form_class"] = PermissionsField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(User)
class StaffAdmin(UserAdmin):
    """Staff accounts. Roles are groups. Only a superuser changes superusers, makes them or
    grants single permissions; anyone else changes only the accounts of people whose rights
    they hold themselves, and gives only roles they hold (`rules.can_manage_person`,
    `rules.grantable_roles`), checked on the account as it was and as the change leaves it."""

    inlines = [*UserAdmin.inlines, DeskMemberInline]
    change_password_form = PasswordChangeForm
    list_display = ["username", "first_name", "last_name", "is_staff", "groups_list", "two_factor_on"]
    actions = ["two_factor_reset"]
    SUPERUSER_ONLY = ("is_superuser", "user_permissions")

    @admin.display(description=_("two-factor"), boolean=True)
    def two_factor_on(self, user: "ListedPerson") -> bool:
        return user.two_factor_confirmed

    @admin.action(permissions=["change"], description=_("Reset two-factor sign-in (a lost phone)"))
    def two_factor_reset(self, request: StaffRequest, queryset: "QuerySet[auth.User]") -> None:
        """The people enrol again at their next sign-in; only a superuser resets a superuser's."""
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        people = list(queryset)
        for person in people:
            two_factor_turn_off(user=person, by=request.user)
        self.message_user(
            request,
            gettext("Two-factor sign-in reset for: %(names)s.") % {"names": ", ".join(map(str, people)) or "—"},
        )

    def get_readonly_fields(self, request: HttpRequest, obj: "auth.User | None" = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += self.SUPERUSER_ONLY
        return readonly

    def has_change_permission(self, request: HttpRequest, obj: "auth.User | None" = None) -> bool:
        # The account as it was: the admin asks this of the stored row before any change.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rules.can_manage_person(actor=cast("auth.User", request.user), person=obj))

    def has_delete_permission(self, request: HttpRequest, obj: "auth.User | None" = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rules.can_manage_person(actor=cast("auth.User", request.user), person=obj))

    def formfield_for_manytomany(
        self, db_field: "models.ManyToManyField[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> "ModelMultipleChoiceField[Any] | None":
        if db_field.name == "groups":
            # Only the roles this user may give are offered, and only they are accepted.
            grantable = rules.grantable_roles(cast("auth.User", request.user))
            kwargs["queryset"] = Group.objects.filter(pk__in=[g.pk for g in grantable])
        if db_field.name == "user_permissions":
            kwargs["form_class"] = PermissionsField
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(
        self, request: HttpRequest, form: "ModelForm[auth.User]", formsets: "list[BaseFormSet]", change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)  # roles are logged by newsroom.signals
        person = form.instance
        if not rules.can_leave_person_with(actor=cast("auth.User", request.user), person=person):
            # The form offers nothing that could get here; a crafted request rolls back whole.
            raise PermissionDenied
        flags = [name for name in ("is_active", "is_staff", "is_superuser") if name in form.changed_data]
        if change and flags:
            self._audit(request, person, ", ".join(f"{name}={getattr(person, name)}" for name in flags))

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            self._audit(request, User.objects.get(pk=id), gettext("password set"))
        return response

    def _audit(self, request: HttpRequest, person: "auth.User", message: str) -> None:
        services.audit_record(
            actor=request.user,
            action=AuditEntry.Action.PERMISSIONS_CHANGED,
            target=f"{person._meta.verbose_name}: {person}",
            message=message,
        )

    def get_queryset(self, request: HttpRequest) -> "QuerySet[auth.User]":
        enrolled = TwoFactor.objects.filter(user=models.OuterRef("pk"), confirmed_at__isnull=False)
        return (
            super()
            .get_queryset(request)
            .prefetch_related("groups")
            .annotate(two_factor_confirmed=models.Exists(enrolled))
        )

    @admin.display(description=_("roles"))
    def groups_list(self, user: "auth.User") -> str:
        return ", ".join(group.name for group in user.groups.all())
