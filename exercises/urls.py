from django.urls import path

from exercises import views

urlpatterns = [
    path("", views.cause_list, name="home"),
    path("causes/<slug:slug>/", views.cause_detail, name="cause_detail"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise_detail"),
    path("exercises/<slug:slug>/figure.svg", views.figure_image, name="figure_image"),
    path("media/<path:path>", views.media_file, name="media_file"),
    path("staff/figures/", views.figure_sheet, name="figure_sheet"),
    path("staff/figures/preview/", views.figure_preview, name="figure_preview"),
]
