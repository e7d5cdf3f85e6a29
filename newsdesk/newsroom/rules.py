"""Who may do what to an article. Every back-office action asks here, on the server.

`user=None` is the system itself (a management command); it may do anything.
"""

import copy
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from newsdesk.content.models import Article
from newsdesk.content.visibility import visible_condition
from newsdesk.newsroom.models import DeskMember

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PUBLISH = "content.publish_article"
CORRECT = "content.correct_article"
EDIT_OTHERS = "content.edit_others_article"
ALL_SECTIONS = "newsroom.act_in_all_sections"


def section_ids(user: "User") -> set[int]:
    """The sections a user edits, read once per user object (a request's user)."""
    ids = getattr(user, "_newsroom_section_ids", None)
    if ids is None:
        ids = set(
            DeskMember.sections.through.objects.filter(deskmember__user=user).values_list("section_id", flat=True)
        )
        user._newsroom_section_ids = ids  # type: ignore[attr-defined]  # kept on the request's user object
    return ids


def _in_my_sections(user: "User", article: Article) -> bool:
    return user.has_perm(ALL_SECTIONS) or article.section_id in section_ids(user)


def is_author(*, user: "User", article: Article) -> bool:
    return article.created_by_id is not None and article.created_by_id == user.pk


def _in_charge(user: "User") -> bool:
    """Edits or publishes other people's stories (in the sections of their desk)."""
    return user.has_perm(EDIT_OTHERS) or user.has_perm(PUBLISH)


def _works_on(user: "User", article: Article) -> bool:
    """The story's author, the editors of its section and chief editors."""
    return is_author(user=user, article=article) or (_in_charge(user) and _in_my_sections(user, article))


def can_view(*, user: "User | None", article: Article) -> bool:
    """Open a story in the back office (its form, preview, views): those who work on it,
    and, once readers can see it, any of the staff. `viewable_condition` is the same rule
    as a query (tests/newsroom/test_rules.py checks the two agree)."""
    if user is None:
        return True
    if not user.is_active or not user.has_perm("content.view_article"):
        return False
    return _works_on(user, article) or article.is_visible


def can_view_history(*, user: "User | None", article: Article) -> bool:
    """Revisions and the audit of a story hold text readers never saw: only those who
    work on it read them, whether or not it is published."""
    if user is None:
        return True
    return user.is_active and user.has_perm("content.view_article") and _works_on(user, article)


def viewable_condition(*, user: "User", now: datetime) -> Q:
    """`can_view` as a query, for the desk's list."""
    if not user.is_active or not user.has_perm("content.view_article"):
        return Q(pk__in=[])
    if _in_charge(user) and user.has_perm(ALL_SECTIONS):
        return Q()
    condition = Q(created_by_id=user.pk) | visible_condition(now=now)
    if _in_charge(user):
        condition |= Q(section_id__in=section_ids(user))
    return condition


def can_edit(*, user: "User | None", article: Article) -> bool:
    """Authors edit their own drafts; editors edit anything in their sections."""
    if user is None:
        return True
    if not user.is_active or not user.has_perm("content.change_article"):
        return False
    if user.has_perm(EDIT_OTHERS) and _in_my_sections(user, article):
        if article.status == Article.Status.PUBLISHED:
            return user.has_perm(CORRECT)  # a change after publication is a correction
        return article.status != Article.Status.WITHDRAWN
    return is_author(user=user, article=article) and article.status == Article.Status.DRAFT


def can_edit_in(*, user: "User | None", article: Article, section_id: int) -> bool:
    """`can_edit` for the article as an edit that puts it in `section_id` would leave it."""
    moved = copy.copy(article)
    moved.section_id = section_id
    return can_edit(user=user, article=moved)


def can_submit(*, user: "User | None", article: Article) -> bool:
    return article.status == Article.Status.DRAFT and can_edit(user=user, article=article)


def can_recall(*, user: "User | None", article: Article) -> bool:
    """The author takes their own story back from review, to change it before an editor acts."""
    if user is None:
        return True
    return (
        article.status == Article.Status.IN_REVIEW
        and user.is_active
        and user.has_perm("content.change_article")
        and is_author(user=user, article=article)
    )


def can_publish(*, user: "User | None", article: Article) -> bool:
    """Publishing, scheduling, sending back and withdrawing: editors of the section."""
    if user is None:
        return True
    return user.is_active and user.has_perm(PUBLISH) and _in_my_sections(user, article)


def can_place(*, user: "User | None", article: Article) -> bool:
    """Pin a published story on its edition's front page, or announce it as breaking
    news, and end either: whoever may publish it (its section's editors, chief editors)."""
    return article.status == Article.Status.PUBLISHED and can_publish(user=user, article=article)


def can_send_back(*, user: "User | None", article: Article) -> bool:
    return article.status == Article.Status.IN_REVIEW and can_publish(user=user, article=article)


def can_withdraw(*, user: "User | None", article: Article) -> bool:
    # A story not on the site yet (scheduled, embargoed) is taken off the schedule instead.
    return (
        article.status == Article.Status.PUBLISHED
        and not article.is_scheduled
        and can_publish(user=user, article=article)
    )


# People: who may change whose account, and which roles they may give.


def rights_of(person: "User") -> set[str]:
    """Every permission `person` holds through roles and single grants, active or not
    (an inactive account switched back on gets all of them back)."""
    rows = Permission.objects.filter(Q(group__user=person) | Q(user=person)).values_list(
        "content_type__app_label", "codename"
    )
    return {f"{app}.{codename}" for app, codename in rows}


def _rights_of_actor(actor: "User") -> set[str]:
    rights = getattr(actor, "_newsroom_rights", None)
    if rights is None:
        rights = actor._newsroom_rights = rights_of(actor)  # type: ignore[attr-defined]  # kept on the request's user object
    return rights


def can_manage_person(*, actor: "User | None", person: "User") -> bool:
    """Change someone's account (name, flags, roles, password): only superusers change
    superusers; anyone else only people whose rights are all rights of their own."""
    if actor is None:
        return True
    if not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    if person.is_superuser or not actor.has_perm("auth.change_user"):
        return False
    return person.pk == actor.pk or rights_of(person) <= _rights_of_actor(actor)


def grantable_roles(actor: "User | None") -> list[Group]:
    """The roles `actor` may give: those whose every permission `actor` holds."""
    groups = Group.objects.prefetch_related("permissions__content_type").order_by("name")
    if actor is None or actor.is_superuser:
        return list(groups)
    mine = _rights_of_actor(actor)
    return [group for group in groups if _group_rights(group) <= mine]


def _group_rights(group: Group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def can_leave_person_with(*, actor: "User | None", person: "User") -> bool:
    """After a change: `person` holds no right `actor` lacks (and is no superuser, unless
    a superuser made them one)."""
    if actor is None or actor.is_superuser:
        return True
    if person.is_superuser:
        return False
    return rights_of(person) <= _rights_of_actor(actor)
