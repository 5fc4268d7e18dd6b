"""Make a VAPID key pair for Web Push: print it as environment lines, or keep a development pair."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from sessions.push import VapidKeys


class Command(BaseCommand):
    help = "Generate a VAPID key pair for Web Push reminders."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dev-file",
            type=Path,
            help="Write the pair to this JSON file for development, unless it already exists.",
        )

    def handle(self, *args, dev_file: Path | None = None, **options):
        if dev_file is not None and dev_file.exists():
            self.stdout.write(f"Development push keys already in {dev_file}")
            return
        keys = VapidKeys.generate()
        if dev_file is not None:
            dev_file.write_text(json.dumps({"public": keys.public, "private": keys.private}))
            dev_file.chmod(0o600)
            self.stdout.write(f"Development push keys written to {dev_file}")
            return
        self.stdout.write(f"VAPID_PUBLIC_KEY={keys.public}")
        self.stdout.write(f"VAPID_PRIVATE_KEY={keys.private}")
        self.stdout.write("VAPID_SUBJECT=mailto:you@example.org")
