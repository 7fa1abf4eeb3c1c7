from django.core.management import BaseCommand

from grants.applications.tasks import delete_abandoned_uploads


class Command(BaseCommand):
    help = "Queue the removal of uploads that never joined an application (run it daily)."

    def handle(self, *args, **options):
        result = delete_abandoned_uploads.enqueue()
        self.stdout.write(f"Queued {result.id}")
