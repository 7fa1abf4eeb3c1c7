import time

from django.core.management import BaseCommand
from django.utils import timezone

from youthcities.reminders.services import reminders_due, reminders_send
from youthcities.reminders.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders that are due, each once (run it every few minutes, e.g. from cron). "
        "--dry-run lists them without sending; --every N queues the work for the worker every "
        "N seconds (what `make run` starts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, send nothing.")
        parser.add_argument("--every", type=int, default=0, help="Repeat every N seconds.")

    def handle(self, *args, dry_run=False, every=0, **options):
        if dry_run:
            due = reminders_due()
            for reminder in due:
                self.stdout.write(
                    f"{reminder.kind.code}\t{reminder.key}\tuser {reminder.user.pk}"
                    f"\t{reminder.user.preferred_language or 'en'}"
                )
            self.stdout.write(f"{len(due)} reminder(s) due at {timezone.now():%Y-%m-%d %H:%M}.")
            return
        if not every:
            sent = reminders_send()
            self.stdout.write(f"{sent} reminder(s) sent.")
            return
        self.stdout.write(f"Queueing the reminders every {every} s for the worker (Ctrl-C stops).")
        while True:
            send_reminders.enqueue()
            time.sleep(every)
