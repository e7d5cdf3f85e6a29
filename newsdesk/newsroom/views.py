"""Back-office views around an article: workflow buttons, preview, history.

Every view is wrapped by `admin_site.admin_view` (staff login) and asks the newsroom's
rules before acting; the services ask again, so a crafted POST is refused the same way.
"""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from newsdesk.content.models import Article, FrontSlot
from newsdesk.lib.formatting import feed_datetime
from newsdesk.newsroom import front as front_services
from newsdesk.newsroom import rules, selectors, services
from newsdesk.newsroom.diff import revision_diff
from newsdesk.newsroom.labels import status_label
from newsdesk.newsroom.models import AuditEntry, Revision
from newsdesk.newsroom.pages import back_office_page
from newsdesk.newsroom.translations import translation_mark_current, translation_start, translation_statuses
from newsdesk.public.views import article_response

# `request.user` is cast to the account: the admin site lets only signed-in staff through.
if TYPE_CHECKING:
    from django.contrib.auth.models import User


def article_for_staff(request: HttpRequest, article_id: int, *, history: bool = False) -> Article:
    """The article a back-office page is about; staff who may not see it (or, with
    `history`, its revisions) get a 403."""
    if not request.user.has_perm("content.view_article"):
        raise PermissionDenied
    article = selectors.article_for_desk(article_id=article_id)
    if article is None:
        raise Http404(_("There is no such article."))
    allowed = rules.can_view_history if history else rules.can_view
    if not allowed(user=cast("User", request.user), article=article):
        raise PermissionDenied
    return article


def _change_url(article: Article) -> str:
    return reverse("admin:content_article_change", args=[article.pk])


def workflow_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    """What the change form shows above the fields: the actions this user may take."""
    user = cast("User", request.user)
    log = selectors.workflow_log(article=article)
    steps = [entry for entry in log if entry.action in selectors.WORKFLOW_STEPS]
    sent_back = steps[-1] if steps and steps[-1].action == AuditEntry.Action.SENT_BACK else None
    if article.status == Article.Status.DRAFT:
        article.sent_back = sent_back  # type: ignore[attr-defined]  # status_label says "Sent back"
    return {
        "translations": translation_statuses(article),
        "workflow": {
            "status": status_label(article),
            "can_submit": rules.can_submit(user=user, article=article),
            "can_send_back": rules.can_send_back(user=user, article=article),
            "can_recall": rules.can_recall(user=user, article=article),
            "can_publish": article.status != Article.Status.WITHDRAWN
            and not article.is_visible
            and rules.can_publish(user=user, article=article),
            "can_unschedule": article.is_scheduled and rules.can_publish(user=user, article=article),
            "can_withdraw": rules.can_withdraw(user=user, article=article),
            "sent_back": sent_back if article.status == Article.Status.DRAFT else None,
            "log": log,
            "now_local": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "time_zone": timezone.get_current_timezone_name(),
        },
        "front": _front_context(user, article),
    }


# A pin lasts this long unless the editor chooses another time.
PIN_HOURS = 6


def _front_context(user: "User", article: Article) -> dict[str, Any] | None:
    """The change form's front-page box: the story's pin and banner, for those who may set them."""
    if not (article.is_visible and rules.can_place(user=user, article=article)):
        return None
    now = timezone.now()
    local = lambda moment: timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")  # noqa: E731
    pinned = article.front_slot is not None and article.front_until is not None and article.front_until > now
    breaking = article.is_breaking and article.breaking_until is not None and article.breaking_until > now
    return {
        "slots": FrontSlot.choices,
        "slot": article.front_slot if pinned else None,
        "until": article.front_until if pinned else None,
        "breaking_until": article.breaking_until if breaking else None,
        "pin_default": local(article.front_until if pinned else now + timedelta(hours=PIN_HOURS)),
        "breaking_default": local(now + timedelta(minutes=settings.NEWSDESK["BREAKING_MINUTES"])),
        "now_local": local(now),
    }


@require_POST
def front(request: HttpRequest, article_id: int) -> HttpResponse:
    """Pin the story on the front page or take it off; start or end its breaking banner."""
    article = article_for_staff(request, article_id)
    user, post = cast("User", request.user), request.POST
    try:
        match post.get("action"):
            case "pin":
                until = _local_time(post.get("until", ""))
                front_services.front_pin(article=article, slot=_slot(post.get("slot", "")), until=until, by=user)
                messages.success(
                    request, _("Pinned on the front page until %(time)s.") % {"time": feed_datetime(until)}
                )
            case "unpin":
                front_services.front_unpin(article=article, by=user)
                messages.success(request, _("Taken off the front page."))
            case "breaking":
                ends = _local_time(post["until"]) if post.get("until") else None
                article = front_services.breaking_start(article=article, by=user, until=ends)
                messages.success(
                    request,
                    _("Announced as breaking news until %(time)s.") % {"time": feed_datetime(article.breaking_until)},
                )
            case "breaking_end":
                front_services.breaking_end(article=article, by=user)
                messages.success(request, _("The breaking news banner is ended."))
            case _:
                raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You may not do that."))
    return HttpResponseRedirect(_change_url(article))


def _slot(value: str) -> FrontSlot:
    try:
        return FrontSlot(int(value))
    except ValueError:
        raise ValidationError(_("Choose the top story or a secondary one.")) from None


# The actions of workflow_act beside submit, publish and the rest.
TRANSLATE = "translate:"  # + the language: start a translation
TRANSLATION_CURRENT = "translation_current"


@require_POST
def workflow(request: HttpRequest, article_id: int, action: str) -> HttpResponse:
    """A workflow button of a story whose form this user cannot edit (nothing unsaved to lose)."""
    article = article_for_staff(request, article_id)
    return HttpResponseRedirect(_change_url(workflow_act(request, article, action)))


@require_POST
def translate(request: HttpRequest, article_id: int) -> HttpResponse:
    """Start a translation of the story, or mark a translation up to date."""
    article = article_for_staff(request, article_id)
    language = request.POST.get("language", "")
    action = TRANSLATION_CURRENT if request.POST.get("action") == "current" else f"{TRANSLATE}{language}"
    return HttpResponseRedirect(_change_url(workflow_act(request, article, action)))


def workflow_act(request: HttpRequest, article: Article, action: str) -> Article:
    """Do one of a story's workflow actions for this request's user and say how it went.

    Called by the buttons' own URLs and, after the form's unsaved changes are saved, by
    the change form (`ArticleAdmin.response_change`). Returns the story to show next.
    """
    user, post = cast("User", request.user), request.POST
    try:
        match action:
            case "submit":
                services.article_submit(article=article, by=user)
                messages.success(request, _("Submitted for review."))
            case "recall":
                services.article_recall(article=article, by=user)
                messages.success(request, _("Recalled from review: the story is your draft again."))
            case "send_back":
                services.article_send_back(article=article, by=user, comment=post.get("comment", ""))
                messages.success(request, _("Sent back to the author."))
            case "publish":
                services.article_publish(article=article, by=user)
                messages.success(request, _("Published."))
            case "schedule":
                at = _local_time(post.get("at", ""))
                article = services.article_publish(article=article, by=user, at=at)
                messages.success(request, _("Scheduled for %(time)s.") % {"time": feed_datetime(article.published_at)})
            case "unschedule":
                services.article_unschedule(article=article, by=user)
                messages.success(request, _("Taken off the schedule and back in review."))
            case "withdraw":
                services.article_withdraw(article=article, by=user, reason=post.get("reason", ""))
                messages.success(request, _("Withdrawn: the story's page now says so."))
            case "translation_current":
                translation_mark_current(article=article, by=user)
                messages.success(request, _("The translation is marked as up to date."))
            case _ if action.startswith(TRANSLATE):
                article = translation_start(article=article, language=action.removeprefix(TRANSLATE), by=user)
                messages.success(request, _("A draft of the translation is ready: replace the original's text."))
            case _:
                raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You may not do that."))
    return article


def _local_time(value: str) -> datetime:
    """A `datetime-local` value, read in the agency's time zone."""
    try:
        naive = datetime.strptime(value, "%Y-%m-%dT%H:%M")
    except ValueError:
        raise ValidationError(_("Give the date and time as DD.MM.YYYY HH:MM.")) from None
    return timezone.make_aware(naive, timezone.get_current_timezone())


@require_GET
def preview(request: HttpRequest, article_id: int) -> HttpResponse:
    """The story exactly as readers will see it, whatever its state, for staff only."""
    article = article_for_staff(request, article_id)
    return article_response(request, article, preview=True)


@require_GET
def history(request: HttpRequest, article_id: int) -> HttpResponse:
    article = article_for_staff(request, article_id, history=True)
    context = {
        "article": article,
        "revisions": selectors.revisions_of(article=article),
        "entries": selectors.audit_of(article=article),
        "can_restore": rules.can_edit(user=cast("User", request.user), article=article),
        "title": _("History of “%(title)s”") % {"title": article.title},
        "opts": Article._meta,
    }
    return back_office_page(request, "newsroom/history.html", context)


@require_GET
def compare(request: HttpRequest, article_id: int) -> HttpResponse:
    article = article_for_staff(request, article_id, history=True)
    try:
        numbers = sorted({int(request.GET["a"]), int(request.GET["b"])})
    except (KeyError, ValueError):
        messages.error(request, _("Choose two revisions to compare."))
        return HttpResponseRedirect(reverse("admin:newsroom_history", args=[article.pk]))
    older, newer = (_revision(article, number) for number in (numbers[0], numbers[-1]))
    context = {
        "article": article,
        "older": older,
        "newer": newer,
        "diff": revision_diff(older, newer),
        "can_restore": rules.can_edit(user=cast("User", request.user), article=article),
        "title": _("Revisions %(a)s and %(b)s") % {"a": older.number, "b": newer.number},
        "opts": Article._meta,
    }
    return back_office_page(request, "newsroom/compare.html", context)


@require_POST
def restore(request: HttpRequest, article_id: int, number: int) -> HttpResponse:
    article = article_for_staff(request, article_id, history=True)
    revision = _revision(article, number)
    try:
        services.revision_restore(article=article, revision=revision, by=cast("User", request.user))
        messages.success(request, _("Revision %(n)s restored as a new revision.") % {"n": number})
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, str(error))
    return HttpResponseRedirect(_change_url(article))


def _revision(article: Article, number: int) -> Revision:
    revision = selectors.revision_of(article=article, number=number)
    if revision is None:
        raise Http404
    return revision
