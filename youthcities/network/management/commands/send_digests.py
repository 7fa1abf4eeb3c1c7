from django.core.management import BaseCommand

from youthcities.network.follows.models import DigestSetting
from youthcities.network.follows.tasks import send_digests


class Command(BaseCommand):
    help = "Queue the digest emails of one frequency (run daily and weekly, e.g. from cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=[DigestSetting.Frequency.DAILY, DigestSetting.Frequency.WEEKLY],
            required=True,
        )

    def handle(self, *args, frequency, **options):
        send_digests.enqueue(frequency=frequency)
        self.stdout.write(f"{frequency} digests queued; the worker sends them.")
