"""Make a demo patient and a demo clinician for development (idempotent), after the catalog.

Their password is published in the README, so the command refuses to run with DEBUG off: a
production database never gets them. Only ``make run`` calls it.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clinic.services import profile_for
from exercises.models import Cause
from sessions.services import enroll_patient

DEMO_PASSWORD = "demo-pass-2026"


class Command(BaseCommand):
    help = "Development only (DEBUG=True): create the demo patient and clinician."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "setup_demo makes accounts whose password is published, for development only: "
                "it refuses to run with DEBUG off. Use `make run` (DEBUG=True) to try the app."
            )
        call_command("load_catalog", stdout=self.stdout)
        with transaction.atomic():
            clinician = self.make_user("clinician", "Dana", "Clinician", is_staff=True)
            clinician.groups.add(Group.objects.get(name="Clinicians"))
            profile = profile_for(clinician)  # their time zone and clinic code
            patient = self.make_user("patient", "Pat", "Patient")
            if not hasattr(patient, "patient"):
                enroll_patient(
                    user=patient,
                    cause=Cause.objects.get(slug="herniated-disc"),
                    affected_side="left",
                    clinician=clinician,
                )
        self.stdout.write(
            self.style.SUCCESS(
                "Demo accounts (password for both: "
                f"{DEMO_PASSWORD}):\n"
                "  patient    log in at /accounts/login/ (herniated-disc routine)\n"
                "  clinician  staff, in the Clinicians group: /admin/ and /clinician/\n"
                f"             clinic code {profile.display_code}, time zone {profile.time_zone}"
            )
        )

    def make_user(self, username: str, first: str, last: str, *, is_staff: bool = False):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "is_staff": is_staff},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user
