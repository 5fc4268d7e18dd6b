"""The access record: one call per page that shows a patient's data to someone else.

    from sessions.audit import record_access
    record_access(request, patient, "printable programme")

It writes one append-only ``AccessRecord`` (who, whose, what, when, from which address) when
the viewer is a clinician or a superuser, and nothing when a patient looks at their own data.
The address is ``REMOTE_ADDR``; behind a proxy set ``CLIENT_IP_HEADER`` (for example
``X-Forwarded-For``) and the last address in that header, the one the proxy added, is used.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

from sessions.models import AccessRecord, Patient


def client_ip(request: HttpRequest) -> str | None:
    """The viewer's address: REMOTE_ADDR, or the proxy's header when one is configured."""
    value = request.META.get("REMOTE_ADDR", "")
    header = settings.CLIENT_IP_HEADER
    if header:
        forwarded = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        value = forwarded.split(",")[-1].strip() or value
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def viewer_role(user) -> str:
    if user.is_superuser:
        return "superuser"
    if user.groups.filter(name="Clinicians").exists():
        return "clinician"
    return "staff"


def record_access(request: HttpRequest, patient: Patient, what: str) -> AccessRecord | None:
    """Record that ``request.user`` saw ``what`` of ``patient``; a patient's own look is not."""
    user = request.user
    if not user.is_authenticated or user.pk == patient.user_id or not user.is_staff:
        return None
    return AccessRecord.objects.create(
        actor_pk=user.pk,
        actor_username=user.get_username(),
        actor_name=user.get_full_name(),
        actor_role=viewer_role(user),
        patient_pk=patient.pk,
        patient_username=patient.user.get_username(),
        what=what[:200],
        path=request.get_full_path()[:500],
        ip_address=client_ip(request),
    )


class RecordsAccessAdmin:
    """Admin mixin: opening a row's change, delete or history page writes an access record.

    A subclass says whose data a row is with ``patient_of(obj)`` (None for no patient).
    """

    def patient_of(self, obj) -> Patient | None:
        return obj.patient

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        patient = obj is not None and self.patient_of(obj)
        if patient:
            page = (request.resolver_match.url_name or "").rsplit("_", 1)[-1]
            name = self.model._meta.verbose_name
            record_access(request, patient, f"admin: {name} {obj.pk} ({page} page)")
        return obj
