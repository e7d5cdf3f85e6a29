"""Staff accounts in the back office: roles, desk membership, two-factor resets.

Only a superuser changes superusers, makes them or grants single permissions; anyone else
changes only the accounts of people whose rights they hold themselves, and gives only roles
they hold (`rules.can_manage_person`, `rules.grantable_roles`).
"""

from typing import TYPE_CHECKING, Any, Protocol, cast

from django.contrib import admin, messages
from django.contrib.admin.helpers import AdminErrorList, AdminForm
from django.contrib.admin.options import csrf_protect_m
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from newsdesk.accounts import invitations
from newsdesk.accounts.models import Invitation, TwoFactor
from newsdesk.accounts.people_forms import PersonInviteForm
from newsdesk.accounts.permission_labels import PermissionsField
from newsdesk.accounts.requests import StaffRequest
from newsdesk.accounts.services import two_factor_turn_off
from newsdesk.content.authors import Author
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


class AuthorInline(CappedInline, admin.StackedInline):
    """The person's author page, on their own screen: the name bylines show, and their role
    per language. The portrait and biographies are on the author's full page."""

    model = Author
    fk_name = "user"
    max_num = 1
    extra = 0
    can_delete = False
    fields = ["name", "job_title_ru", "job_title_kk", "job_title_en", "full_page"]
    readonly_fields = ["full_page"]
    verbose_name = _("author page (bylines)")
    verbose_name_plural = _("author page (bylines)")

    @admin.display(description=_("portrait and biography"))
    def full_page(self, author: Author) -> str:
        if author.pk is None:
            return gettext("On the author page, once saved.")
        url = reverse("admin:content_author_change", args=[author.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Open the whole author page"))


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

    inlines = [*UserAdmin.inlines, DeskMemberInline, AuthorInline]
    change_password_form = PasswordChangeForm
    list_display = ["username", "first_name", "last_name", "is_staff", "groups_list", "two_factor_on", "invited"]
    actions = ["two_factor_reset", "invitation_resend"]
    SUPERUSER_ONLY = ("is_superuser", "user_permissions")
    add_form_template = None  # the admin's own change form, for the invitation
    INVITE_FIELDSETS = [
        (None, {"fields": ["first_name", "last_name", "email"]}),
        (_("In the newsroom"), {"fields": ["role", "sections", "language", "byline"]}),
    ]

    @admin.display(description=_("invitation"))
    def invited(self, user: "auth.User") -> str:
        invitation = getattr(user, "invitation", None)
        if invitation is None:
            return "—"
        if invitation.accepted_at is None:
            return gettext("pending")
        return gettext("accepted")

    @csrf_protect_m
    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Adding a person is inviting them: one form, then a mail with a link to choose a password."""
        actor = cast("auth.User", request.user)
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        form = PersonInviteForm(request.POST or None, actor=actor)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                invitation = invitations.person_invite(
                    by=actor,
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    role=data["role"],
                    sections=data["sections"],
                    language=data["language"],
                    byline=data["byline"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self._invitation_sent(request, invitation, invitations.invitation_send(invitation=invitation))
                return HttpResponseRedirect(reverse("admin:auth_user_change", args=[invitation.user_id]))
        admin_form = AdminForm(form, self.INVITE_FIELDSETS, {})  # type: ignore[arg-type]  # a plain form
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Invite a person"),
            "subtitle": None,
            "adminform": admin_form,
            "object_id": None,
            "original": None,
            "is_popup": False,
            "to_field": None,
            "media": self.media + admin_form.media,
            "inline_admin_formsets": [],
            "errors": AdminErrorList(form, []),  # type: ignore[arg-type]  # idem
            "preserved_filters": self.get_preserved_filters(request),
            "show_save_and_add_another": False,
            "show_save_and_continue": False,
            **(extra_context or {}),
        }
        return self.render_change_form(request, context, add=True, change=False, form_url=form_url)

    def _invitation_sent(self, request: HttpRequest, invitation: Invitation, sent: bool) -> None:
        if sent:
            self.message_user(
                request,
                gettext("Invitation sent to %(email)s.") % {"email": invitation.user.email},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                gettext(
                    "The invitation to %(email)s was not sent: the mail server did not take it. Send it again later."
                )
                % {"email": invitation.user.email},
                messages.WARNING,
            )

    @admin.action(permissions=["change"], description=_("Send the invitation again"))
    def invitation_resend(self, request: StaffRequest, queryset: "QuerySet[auth.User]") -> None:
        """Only pending invitations, only of people this person may manage."""
        sent = 0
        for invitation in Invitation.objects.filter(user__in=queryset, accepted_at=None).select_related("user"):
            if not rules.can_manage_person(actor=request.user, person=invitation.user):
                continue
            invitations.invitation_resend(invitation=invitation, by=request.user)
            if invitations.invitation_send(invitation=invitation):
                sent += 1
            else:
                self._invitation_sent(request, invitation, False)
        self.message_user(
            request,
            ngettext("%(count)d invitation sent again.", "%(count)d invitations sent again.", sent) % {"count": sent},
        )

    def get_inline_instances(self, request: HttpRequest, obj: "auth.User | None" = None) -> list[Any]:
        return [] if obj is None else super().get_inline_instances(request, obj)

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
            .select_related("invitation")
            .annotate(two_factor_confirmed=models.Exists(enrolled))
        )

    @admin.display(description=_("roles"))
    def groups_list(self, user: "auth.User") -> str:
        return ", ".join(group.name for group in user.groups.all())
