"""The clinician's pages, mounted under /clinician/."""

from django.urls import path

from clinic import views

urlpatterns = [
    path("", views.patient_list, name="clinician_patients"),
    path("patients/<int:pk>/", views.patient_detail, name="clinician_patient"),
    path("patients/<int:pk>/log.csv", views.export_logs, name="clinician_export"),
    path("patients/<int:pk>/items/add/", views.item_add, name="clinician_item_add"),
    path(
        "patients/<int:pk>/items/<int:item_pk>/",
        views.item_update,
        name="clinician_item_update",
    ),
    path(
        "patients/<int:pk>/items/<int:item_pk>/remove/",
        views.item_remove,
        name="clinician_item_remove",
    ),
    path(
        "patients/<int:pk>/items/<int:item_pk>/move/<str:direction>/",
        views.item_move,
        name="clinician_item_move",
    ),
    path(
        "patients/<int:pk>/items/<int:item_pk>/next-stage/",
        views.item_next_stage,
        name="clinician_item_next_stage",
    ),
    path(
        "patients/<int:pk>/items/<int:item_pk>/clear-pause/",
        views.item_clear_pause,
        name="clinician_item_clear_pause",
    ),
    path(
        "patients/<int:pk>/safety/<int:check_pk>/clear/",
        views.safety_clear,
        name="clinician_safety_clear",
    ),
]
