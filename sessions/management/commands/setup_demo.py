"""Load the catalog once, and make a demo patient and a demo clinician (idempotent).

The catalog fixture is loaded only into an empty catalog, so running ``make run`` again never
overwrites what a clinician has edited in the admin.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from clinic.services import profile_for
from exercises.models import Cause, Exercise
from sessions.services import enroll_patient

DEMO_PASSWORD = "demo-pass-2026"


class Command(BaseCommand):
    help = "Load the catalog if empty, and create the demo patient and clinician."

    def handle(self, *args, **options) -> None:
        if not Exercise.objects.exists():
            call_command("loaddata", "catalog", verbosity=0)
            self.stdout.write(f"Loaded the catalog: {Exercise.objects.count()} exercises.")
        else:
            self.stdout.write("The catalog is already loaded; left as it is.")
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
