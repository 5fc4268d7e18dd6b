"""The reference views, mounted at /bench/ by sciatica.urls only when BENCH is on."""

from django.urls import path

from bench import views

urlpatterns = [
    path("bare/", views.bare, name="bench_bare"),
    path("bare-logged-in/", views.bare_logged_in, name="bench_bare_logged_in"),
    path("insert/", views.insert, name="bench_insert"),
]
