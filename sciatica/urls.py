from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Sciatica exercises: clinician workbench"
admin.site.site_title = "Sciatica exercises"
admin.site.index_title = "Catalog, routines and logs"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("clinician/", include("clinic.urls")),
    path("", include("clinic.patient_urls")),
    path("", include("sessions.urls")),
    path("", include("exercises.urls")),
]
