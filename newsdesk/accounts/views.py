"""Staff sign-in views: password, then code (with two-factor on); enrolment; password reset.

The Django admin's own login is replaced by `signin` (see `site.StaffAdminSite`). An
account with two-factor on is not signed in after its password: the session only holds
a pending sign-in for a few minutes, and `signin_code` signs it in after a good code.
"""

import logging
import time
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.base import ContextMixin

from newsdesk.accounts import invitations, otp, services
from newsdesk.accounts.forms import (
    CodeForm,
    FirstCodeForm,
    StaffAuthenticationForm,
    StaffPasswordResetForm,
    refusal_log,
)
from newsdesk.accounts.language import language_choose, language_of
from newsdesk.accounts.models import RecoveryCode, SignInAttempt, TwoFactor
from newsdesk.accounts.requests import StaffRequest
from newsdesk.accounts.roles import two_factor_required
from newsdesk.accounts.throttle import reset_allowed, signin_refusal
from newsdesk.lib.addresses import client_address
from newsdesk.siteconfig.selectors import site_settings

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger("newsdesk.accounts")

PENDING = "staff_pending_signin"
PENDING_SECONDS = 300


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


class StaffLoginView(auth_views.LoginView):
    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        address = client_address(self.request)
        if services.two_factor_enrolled(user):
            self.request.session[PENDING] = {
                "user": user.pk,
                "username": form.cleaned_data["username"],
                "backend": user.backend,
                "at": int(time.time()),
                "next": self.get_success_url(),
            }
            return HttpResponseRedirect(reverse("admin:signin_code"))
        login(self.request, user)
        services.attempt_record(
            username=form.cleaned_data["username"], address=address, outcome=SignInAttempt.Outcome.SIGNED_IN, user=user
        )
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        if isinstance(form, StaffAuthenticationForm) and form.refusal is not None:
            response.status_code = 429
        return response


def signin(request: HttpRequest, *, site: admin.AdminSite, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    """The back office's sign-in page: the admin's own, behind the throttle."""
    redirect_url = auth_views.LoginView().get_redirect_url(request) or reverse("admin:index")
    if request.method == "GET" and site.has_permission(request):
        return HttpResponseRedirect(redirect_url)
    context = {
        **site.each_context(request),
        "title": _("Log in"),
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
        REDIRECT_FIELD_NAME: redirect_url,
        **(extra_context or {}),
    }
    request.current_app = site.name
    login_view = StaffLoginView.as_view(
        extra_context=context, authentication_form=StaffAuthenticationForm, template_name="admin/login.html"
    )
    # A page or a redirect; as_view() is typed as answering any HttpResponseBase.
    return cast(HttpResponse, login_view(request))


def signin_code(request: HttpRequest, *, site: admin.AdminSite) -> HttpResponse:
    """The second step: a code from the authenticator app, or a recovery code."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        if pending is not None:
            messages.info(request, _("Signing in took too long. Enter your password again."))
        return HttpResponseRedirect(reverse("admin:login"))
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True, is_staff=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return HttpResponseRedirect(reverse("admin:login"))
    address = client_address(request)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        refusal = signin_refusal(username=pending["username"], address=address)
        if refusal is not None:
            refusal_log(refusal, username=pending["username"], address=address)
            form.add_error(None, refusal.message)
            status = 429
        elif services.two_factor_verify(user=user, code=form.cleaned_data["code"]):
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            services.attempt_record(
                username=pending["username"], address=address, outcome=SignInAttempt.Outcome.SIGNED_IN, user=user
            )
            return HttpResponseRedirect(_safe_next(request, pending.get("next")))
        else:
            services.attempt_record(
                username=pending["username"], address=address, outcome=SignInAttempt.Outcome.WRONG_CODE
            )
            form.add_error("code", _("That code is not right, or it has been used already. Try the code shown now."))
    request.current_app = site.name
    context = {**site.each_context(request), "title": _("Two-factor sign-in"), "form": form, "user_name": user}
    return TemplateResponse(request, "accounts/signin_code.html", context, status=status)


def _issuer() -> str:
    return site_settings().name_en or "Newsdesk"


def two_factor(request: StaffRequest) -> HttpResponse:
    """Two-factor sign-in for the signed-in staff member: enrol, or manage it once on."""
    user = request.user
    device = TwoFactor.objects.filter(user=user).first()
    required = two_factor_required(user)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    context = {
        **admin.site.each_context(request),
        "title": _("Two-factor sign-in"),
        "required": required,
        "next": next_url,
    }
    if device is not None and device.confirmed_at is not None:
        return _two_factor_manage(request, user=user, device=device, context=context)

    form = FirstCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.two_factor_confirm(user=user, code=form.cleaned_data["code"])
        if codes is not None:
            # The codes are shown in this one answer and never again.
            return render(request, "accounts/recovery_codes.html", {**context, "codes": codes, "first": True})
        form.add_error("code", _("That code is not right. Check the app shows this account, and try the newest code."))
        secret = otp.secret_decrypt(device.encrypted_secret) if device else None
    else:
        secret = None
    if secret is None:
        secret = services.two_factor_start(user=user)
    uri = otp.provisioning_uri(secret, account=user.get_username(), issuer=_issuer())
    context.update(
        form=form,
        secret=otp.secret_for_display(secret),
        qr=otp.qr_svg(uri, title=_("QR code for your authenticator app")),
    )
    return render(request, "accounts/two_factor_enrol.html", context)


def _two_factor_manage(
    request: HttpRequest, *, user: "User", device: TwoFactor, context: dict[str, Any]
) -> HttpResponse:
    """With two-factor on: new recovery codes, or turning it off (not for those who must have it)."""
    form = CodeForm(request.POST or None)
    action = request.POST.get("action")
    if request.method == "POST" and action == "off" and context["required"]:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        address = client_address(request)
        code = form.cleaned_data["code"]
        refusal = signin_refusal(username=user.get_username(), address=address)
        if refusal is not None:
            refusal_log(refusal, username=user.get_username(), address=address)
            form.add_error(None, refusal.message)
        elif action == "renew" and (codes := services.recovery_codes_renew(user=user, code=code)) is not None:
            return render(request, "accounts/recovery_codes.html", {**context, "codes": codes, "first": False})
        elif action == "off" and services.two_factor_verify(user=user, code=code):
            services.two_factor_turn_off(user=user, by=user)
            messages.success(request, _("Two-factor sign-in is off."))
            return HttpResponseRedirect(reverse("admin:two_factor"))
        else:
            services.attempt_record(
                username=user.get_username(), address=address, outcome=SignInAttempt.Outcome.WRONG_CODE
            )
            form.add_error("code", _("That code is not right, or it has been used already. Try the code shown now."))
    context.update(
        form=form,
        device=device,
        codes_left=RecoveryCode.objects.filter(user=user, used_at=None).count(),
    )
    return render(request, "accounts/two_factor_manage.html", context)


class _AdminPage(ContextMixin):
    """The admin's header and styles around Django's password reset pages."""

    request: HttpRequest

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **admin.site.each_context(self.request)}


class PasswordResetView(_AdminPage, auth_views.PasswordResetView):
    form_class = StaffPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")
    title = gettext_lazy("Reset your password")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        # The same answer whether the address is known or not, and whether it is sent or not.
        address = client_address(self.request)
        if not reset_allowed(address=address):
            log.warning("password reset refused (too many): from %s", address)
            return HttpResponseRedirect(self.get_success_url())
        services.attempt_record(username="", address=address, outcome=SignInAttempt.Outcome.RESET_ASKED)
        return super().form_valid(form)


class PasswordResetDoneView(_AdminPage, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"
    title = gettext_lazy("Check your mail")


class PasswordResetConfirmView(_AdminPage, auth_views.PasswordResetConfirmView):
    # post_reset_login stays False: a new password never signs anyone in, so the code is
    # still asked for at the next sign-in.
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")
    title = gettext_lazy("Choose a new password")


class InvitationAcceptView(_AdminPage, auth_views.PasswordResetConfirmView):
    """The invitation's link: the person chooses their password, then signs in (never
    signed in by the link itself, so two-factor and the throttle still apply)."""

    template_name = "accounts/invitation_accept.html"
    token_generator = invitations.invitation_tokens
    reset_url_token = "choose-password"  # noqa: S105  (a step of the address, not a secret)
    success_url = reverse_lazy("admin:login")
    title = gettext_lazy("Welcome to the back office")

    def get_user(self, uidb64: str) -> "User | None":
        person = super().get_user(uidb64)
        if person is None or invitations.pending_invitation_of(person) is None or not person.is_active:
            return None
        return person

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        invitations.invitation_accept(person=form.user)
        messages.success(self.request, _("Your password is saved. Sign in with it."))
        return response


class PasswordResetCompleteView(_AdminPage, auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
    title = gettext_lazy("Your password is changed")


def language(request: StaffRequest) -> HttpResponse:
    """The person's back-office language: the header's switcher posts here; a GET shows it
    as a page of their preferences."""
    if request.method == "POST":
        try:
            chosen = language_choose(
                user=request.user, language=request.POST.get("language", ""), session=request.session
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            with translation.override(chosen):
                messages.success(
                    request,
                    _("The back office now speaks %(language)s.") % {"language": dict(settings.LANGUAGES)[chosen]},
                )
        response = HttpResponseRedirect(_safe_next(request, request.POST.get("next")))
        return response
    context = {
        **admin.site.each_context(request),
        "title": _("Your preferences"),
        "languages": settings.LANGUAGES,
        "chosen": language_of(request.user) or translation.get_language(),
    }
    return render(request, "accounts/preferences.html", context)
