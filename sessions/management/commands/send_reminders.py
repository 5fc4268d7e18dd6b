"""Send the reminders due now. Run it every minute (cron or a systemd timer), or with --loop."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from sessions.reminder_services import send_due_reminders


class Command(BaseCommand):
    help = "Send every Web Push reminder that is due now (each once, even with copies running)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, sending every minute."
        )

    def handle(self, *args, loop: bool = False, **options):
        while True:
            report = send_due_reminders()
            if report.due or options["verbosity"] > 1:
                self.stdout.write(
                    f"{report.claimed} of {report.due} due reminders sent here: "
                    f"{report.delivered} delivered, {report.gone} gone devices removed, "
                    f"{report.failed} failed"
                )
            if not loop:
                return
            close_old_connections()
            try:
                time.sleep(60 - time.time() % 60)
            except KeyboardInterrupt:
                return
