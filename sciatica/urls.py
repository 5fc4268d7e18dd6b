from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from sciatica import pwa

admin.site.site_header = "Sciatica exercises: clinician workbench"
admin.site.site_title = "Sciatica exercises"
admin.site.index_title = "Catalog, routines and logs"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("clinician/", include("clinic.urls")),
    path("", include("clinic.patient_urls")),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/", pwa.offline, name="offline"),
    path("", include("sessions.urls")),
    path("", include("exercises.urls")),
]

if settings.BENCH:  # the benchmark's references (bench/views.py), never in production
    urlpatterns.append(path("bench/", include("bench.urls")))
