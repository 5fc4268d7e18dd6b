from django.contrib.auth import views as auth_views
from django.urls import path

from sessions.views import accounts, data_rights, history, player, reminders, safety, today

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("account/", accounts.account, name="account"),
    path("account/export/", data_rights.account_export, name="account_export"),
    path("account/delete/", data_rights.account_delete, name="account_delete"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/reminders/", reminders.save_reminders, name="save_reminders"),
    path("account/reminders/pause/", reminders.pause_reminders, name="pause_reminders"),
    path("account/reminders/resume/", reminders.resume_reminders, name="resume_reminders"),
    path("account/calendar/new/", reminders.new_calendar_link, name="new_calendar_link"),
    path("account/push/", reminders.push_subscribe, name="push_subscribe"),
    path("account/push/off/", reminders.push_unsubscribe, name="push_unsubscribe"),
    path("calendar/<str:token>.ics", reminders.calendar_feed, name="calendar_feed"),
    path("today/", today.today, name="today"),
    path("history/", history.history, name="history"),
    path(
        "today/items/<int:item_pk>/next-stage/",
        today.accept_next_stage,
        name="accept_next_stage",
    ),
    path("safety/", safety.safety_check, name="safety_check"),
    path("safety/changed/", safety.symptoms_changed, name="symptoms_changed"),
    path("safety/stop/", safety.safety_blocked, name="safety_blocked"),
    path("sessions/start/", today.session_start, name="session_start"),
    path("sessions/<int:pk>/", player.session_play, name="session_play"),
    path("sessions/<int:pk>/sets/", player.session_log_set, name="session_log_set"),
    path("sessions/<int:pk>/skip/", player.session_skip_item, name="session_skip_item"),
    path("sessions/<int:pk>/state/", player.session_state, name="session_state"),
    path("sessions/<int:pk>/finish/", player.session_finish, name="session_finish"),
    path("sessions/<int:pk>/summary/", player.session_summary, name="session_summary"),
]
