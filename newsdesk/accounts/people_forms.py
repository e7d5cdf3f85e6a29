"""The one form a chief editor fills to add a person: name, address, role, sections,
back-office language, and whether they sign stories (an author page)."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from newsdesk.accounts import invitations
from newsdesk.content.models import Section
from newsdesk.newsroom import roles

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ROLE_LABELS = {
    roles.JOURNALIST: _("Journalist: writes and submits their own stories"),
    roles.EDITOR: _("Editor: edits and publishes in their sections"),
    roles.CHIEF_EDITOR: _("Chief editor: every section, people and settings"),
}


class RoleField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Group) -> str:
        return str(ROLE_LABELS.get(obj.name, obj.name))


class PersonInviteForm(forms.Form):
    first_name = forms.CharField(label=capfirst(_("first name")), max_length=150)
    last_name = forms.CharField(label=capfirst(_("last name")), max_length=150, required=False)
    email = forms.EmailField(
        label=capfirst(_("email address")),
        max_length=254,
        help_text=_("The invitation is sent here; it is also the user name to sign in with."),
    )
    role = RoleField(
        label=capfirst(_("role")), queryset=Group.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    sections = forms.ModelMultipleChoiceField(
        label=capfirst(_("sections they edit")),
        queryset=Section.objects.order_by("name_en"),
        required=False,
        widget=FilteredSelectMultiple(_("sections"), is_stacked=False),
        help_text=_("For editors and journalists; chief editors act in every section."),
    )
    language = forms.ChoiceField(label=capfirst(_("back-office language")), choices=())
    byline = forms.BooleanField(
        label=capfirst(_("signs stories")),
        required=False,
        initial=True,
        help_text=_("Makes their author page, with the name shown in bylines (editable on their screen)."),
    )

    def __init__(self, *args: Any, actor: "User", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, RoleField)
        role_field.queryset = Group.objects.filter(pk__in=[group.pk for group in invitations.invitable_roles(actor)])
        languages = dict(settings.LANGUAGES)
        language_field = self.fields["language"]
        assert isinstance(language_field, forms.ChoiceField)
        language_field.choices = [(code, languages[code]) for code in invitations.BACK_OFFICE_LANGUAGES]

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if invitations.email_taken(email):
            raise ValidationError(_("Someone on the staff already has this e-mail address."), code="taken")
        return email
