"""Who may do what to an article. Every back-office action asks here, on the server.

`user=None` is the system itself (a management command); it may do anything.
"""

from django.contrib.auth.models import AbstractBaseUser

from newsdesk.content.models import Article

PUBLISH = "content.publish_article"
CORRECT = "content.correct_article"
EDIT_OTHERS = "content.edit_others_article"
ALL_SECTIONS = "newsroom.act_in_all_sections"


def section_ids(user: AbstractBaseUser) -> set[int]:
    """The sections a user edits, read once per user object (a request's user)."""
    ids = getattr(user, "_newsroom_section_ids", None)
    if ids is None:
        from newsdesk.newsroom.models import DeskMember

        ids = set(
            DeskMember.sections.through.objects.filter(deskmember__user=user).values_list("section_id", flat=True)
        )
        user._newsroom_section_ids = ids
    return ids


def _in_my_sections(user: AbstractBaseUser, article: Article) -> bool:
    return user.has_perm(ALL_SECTIONS) or article.section_id in section_ids(user)


def is_author(user: AbstractBaseUser, article: Article) -> bool:
    return article.created_by_id is not None and article.created_by_id == user.pk


def can_edit(user: AbstractBaseUser | None, article: Article) -> bool:
    """Authors edit their own drafts; editors edit anything in their sections."""
    if user is None:
        return True
    if not user.is_active or not user.has_perm("content.change_article"):
        return False
    if user.has_perm(EDIT_OTHERS) and _in_my_sections(user, article):
        if article.status == Article.Status.PUBLISHED:
            return user.has_perm(CORRECT)  # a change after publication is a correction
        return article.status != Article.Status.WITHDRAWN
    return is_author(user, article) and article.status == Article.Status.DRAFT


def can_submit(user: AbstractBaseUser | None, article: Article) -> bool:
    return article.status == Article.Status.DRAFT and can_edit(user, article)


def can_publish(user: AbstractBaseUser | None, article: Article) -> bool:
    """Publishing, scheduling, sending back and withdrawing: editors of the section."""
    if user is None:
        return True
    return user.is_active and user.has_perm(PUBLISH) and _in_my_sections(user, article)


def can_send_back(user: AbstractBaseUser | None, article: Article) -> bool:
    return article.status == Article.Status.IN_REVIEW and can_publish(user, article)


def can_withdraw(user: AbstractBaseUser | None, article: Article) -> bool:
    return article.status == Article.Status.PUBLISHED and can_publish(user, article)
