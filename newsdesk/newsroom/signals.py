"""Audit of permission changes, however they are made (admin, shell, migration)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Model
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from newsdesk.newsroom.audit_context import current_actor
from newsdesk.newsroom.models import AuditEntry
from newsdesk.newsroom.services import audit_record

User = get_user_model()


def _describe(action: str, model: type[Group | Permission], pk_set: set[Any]) -> str:
    names = ", ".join(sorted(str(obj) for obj in model.objects.filter(pk__in=pk_set)))
    return f"{'added' if action == 'post_add' else 'removed'}: {names}"


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def _permissions_changed(
    sender: type[Model],
    instance: Model,
    action: str,
    model: type[Group | Permission],
    pk_set: set[Any] | None,
    **kwargs: object,
) -> None:
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    audit_record(
        actor=current_actor(),
        action=AuditEntry.Action.PERMISSIONS_CHANGED,
        target=f"{instance._meta.verbose_name}: {instance}",
        message=_describe(action, model, pk_set),
    )
