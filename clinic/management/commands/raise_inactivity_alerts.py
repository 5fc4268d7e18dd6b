"""Raise an alert for every patient whose routine plans sessions but who has done none for
3 full days. Safe to run as often as you like (cron, e.g. hourly): a quiet spell already
alerted is never alerted again."""

from django.core.management.base import BaseCommand

from clinic.services import INACTIVE_DAYS, raise_inactivity_alerts


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options) -> None:
        raised = raise_inactivity_alerts()
        self.stdout.write(
            f"{raised} new alert(s) for patients with no session in {INACTIVE_DAYS} days."
        )
