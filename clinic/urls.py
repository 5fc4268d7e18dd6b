"""The clinician's pages, mounted under /clinician/."""

from django.urls import path

from clinic.views import alerts, notes, onboarding, patients

urlpatterns = [
    path("", patients.patient_list, name="clinician_patients"),
    path("patients/<int:pk>/", patients.patient_detail, name="clinician_patient"),
    path("patients/<int:pk>/log.csv", patients.export_logs, name="clinician_export"),
    path("patients/<int:pk>/items/add/", patients.item_add, name="clinician_item_add"),
    path(
        "patients/<int:pk>/items/<int:item_pk>/",
        patients.item_update,
        name="clinician_item_update",
    ),
    path(
        "patients/<int:pk>/items/<int:item_pk>/remove/",
        patients.item_remove,
        name="clinician_item_remove",
    ),
    path(
        "patients/<int:pk>/items/<int:item_pk>/move/<str:direction>/",
        patients.item_move,
        name="clinician_item_move",
    ),
    path(
        "patients/<int:pk>/items/<int:item_pk>/next-stage/",
        patients.item_next_stage,
        name="clinician_item_next_stage",
    ),
    path(
        "patients/<int:pk>/items/<int:item_pk>/clear-pause/",
        patients.item_clear_pause,
        name="clinician_item_clear_pause",
    ),
    path(
        "patients/<int:pk>/safety/<int:check_pk>/clear/",
        patients.safety_clear,
        name="clinician_safety_clear",
    ),
    # Bringing patients in
    path("patients/add/", onboarding.patient_add, name="clinician_patient_add"),
    path("patients/<int:pk>/invitation/", onboarding.invitation, name="clinician_invitation"),
    path(
        "patients/<int:pk>/invitation/new/",
        onboarding.invitation_new,
        name="clinician_invitation_new",
    ),
    path(
        "patients/<int:pk>/invitation/sheet/",
        onboarding.invitation_sheet,
        name="clinician_invitation_sheet",
    ),
    path("patients/<int:pk>/programme/", onboarding.programme, name="clinician_programme"),
    path("clinic/", onboarding.clinic_settings, name="clinician_settings"),
    path("clinic/code/", onboarding.code_regenerate, name="clinician_code_regenerate"),
    path(
        "requests/<int:request_pk>/",
        onboarding.link_request_decide,
        name="clinician_link_request",
    ),
    # What happened, and what the clinician did about it
    path("alerts/", alerts.alert_list, name="clinician_alerts"),
    path(
        "alerts/<int:alert_pk>/acknowledge/",
        alerts.alert_acknowledge,
        name="clinician_alert_acknowledge",
    ),
    path(
        "patients/<int:pk>/sessions/<int:session_pk>/",
        alerts.session_detail,
        name="clinician_session",
    ),
    path("patients/<int:pk>/timeline/", alerts.timeline, name="clinician_timeline"),
    path("patients/<int:pk>/notes/", notes.note_add, name="clinician_note_add"),
]
