from django.core.management import BaseCommand, CommandError
from django.utils import timezone

from youthcities.privacy.retention import RETENTION, RULES, purges


class Command(BaseCommand):
    help = (
        "Apply the retention table (youthcities/privacy/retention.py): delete or pseudonymise "
        "what is kept longer than needed. Run it daily; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; change nothing."
        )
        parser.add_argument("--only", choices=sorted(RULES), help="One row of the table.")

    def handle(self, *args, dry_run=False, only=None, **options):
        now = timezone.now()
        total = 0
        for rule in RETENTION:
            if only and rule.key != only:
                continue
            registered = purges(rule.key)
            if not registered:
                raise CommandError(f"No purge is registered for {rule.key}.")
            count = sum(purge(now, dry_run=dry_run) for purge in registered)
            total += count
            verb = "would purge" if dry_run else "purged"
            self.stdout.write(f"{rule.key}: {verb} {count} (kept for {rule.kept_for})")
        self.stdout.write(f"{'Would purge' if dry_run else 'Purged'} {total} in all.")
