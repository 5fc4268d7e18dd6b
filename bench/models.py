"""The insert-only reference's one table, installed only when BENCH is on.

Its own table rather than an existing one: writing fake rows into a real table (set logs,
access records) would bend the data the app's pages read, while this row has the shape of the
write a set log makes (a unique UUID from the phone, the user, a time) and nothing else.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Write(models.Model):
    """One row stored by the insert-only reference view."""

    client_id = models.UUIDField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    written_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Write {self.client_id}"
