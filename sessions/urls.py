from django.contrib.auth import views as auth_views
from django.urls import path

from sessions.views import accounts, clinician, history, player, safety, today

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", accounts.signup, name="signup"),
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
    path("clinician/", clinician.patient_list, name="clinician_patients"),
    path("clinician/patients/<int:pk>/", clinician.patient_detail, name="clinician_patient"),
    path("clinician/patients/<int:pk>/log.csv", clinician.export_logs, name="clinician_export"),
    path("clinician/patients/<int:pk>/items/add/", clinician.item_add, name="clinician_item_add"),
    path(
        "clinician/patients/<int:pk>/items/<int:item_pk>/",
        clinician.item_update,
        name="clinician_item_update",
    ),
    path(
        "clinician/patients/<int:pk>/items/<int:item_pk>/remove/",
        clinician.item_remove,
        name="clinician_item_remove",
    ),
    path(
        "clinician/patients/<int:pk>/items/<int:item_pk>/move/<str:direction>/",
        clinician.item_move,
        name="clinician_item_move",
    ),
    path(
        "clinician/patients/<int:pk>/items/<int:item_pk>/next-stage/",
        clinician.item_next_stage,
        name="clinician_item_next_stage",
    ),
    path(
        "clinician/patients/<int:pk>/items/<int:item_pk>/clear-pause/",
        clinician.item_clear_pause,
        name="clinician_item_clear_pause",
    ),
    path(
        "clinician/patients/<int:pk>/safety/<int:check_pk>/clear/",
        clinician.safety_clear,
        name="clinician_safety_clear",
    ),
]
