"""Permissions in the staff's language.

Django stores a permission's name in English when the table is made ("Can add article"),
so the roles' and accounts' screens would list hundreds of English lines. The label is
made when shown instead: the model's name from its translated verbose name, the action
from our catalogue; a permission of our own is named by a msgid of our catalogue.
"""

from django import forms
from django.contrib.auth.models import Permission
from django.utils.translation import gettext, pgettext_lazy

ACTIONS = {
    "add": pgettext_lazy("permission", "add"),
    "change": pgettext_lazy("permission", "change"),
    "delete": pgettext_lazy("permission", "delete"),
    "view": pgettext_lazy("permission", "view"),
}


def permission_label(permission: Permission) -> str:
    model = permission.content_type.model_class()
    action, _, model_name = permission.codename.partition("_")
    if model is not None and action in ACTIONS and model_name == model._meta.model_name:
        what = str(ACTIONS[action])
    else:
        what = gettext(permission.name)
    return f"{permission.content_type} | {what}"


class PermissionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Permission) -> str:
        return permission_label(obj)
