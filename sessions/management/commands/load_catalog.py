"""Load the exercise catalog once: only into an empty catalog (idempotent, makes no account).

Running it again never overwrites what a clinician has edited in the admin. ``make setup`` (and
so ``make run``, ``make test`` and ``make serve``) runs it; demo accounts are ``setup_demo``'s.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from exercises.models import Exercise


class Command(BaseCommand):
    help = "Load fixtures/catalog.json if the catalog is empty."

    def handle(self, *args, **options) -> None:
        if Exercise.objects.exists():
            self.stdout.write("The catalog is already loaded; left as it is.")
            return
        call_command("loaddata", "catalog", verbosity=0)
        self.stdout.write(f"Loaded the catalog: {Exercise.objects.count()} exercises.")
