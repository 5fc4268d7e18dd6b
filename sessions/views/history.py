"""The patient's history page (being written)."""

from django.http import HttpRequest, HttpResponse


def history(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
