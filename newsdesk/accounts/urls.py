"""Password reset and invitations for staff, on Django's views with our wording (names the admin looks for)."""

from django.urls import path

from newsdesk.accounts import views

urlpatterns = [
    path("admin/password-reset/", views.PasswordResetView.as_view(), name="admin_password_reset"),
    path("admin/password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "admin/password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("admin/password-reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path(
        "admin/invitation/<uidb64>/<token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
]
