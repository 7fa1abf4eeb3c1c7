from django.core.management import BaseCommand

from grants.payments.tasks import reconcile_stripe, stripe_catch_up


class Command(BaseCommand):
    help = (
        "Queue the Stripe catch-up (events missed while the webhook was down, tranches a timeout "
        "left being paid; run it every few minutes) and, with --reconcile, the comparison of "
        "Stripe's transfers with the ledger (run it daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reconcile", action="store_true")

    def handle(self, *args, **options):
        result = stripe_catch_up.enqueue()
        self.stdout.write(f"Queued {result.id}")
        if options["reconcile"]:
            result = reconcile_stripe.enqueue()
            self.stdout.write(f"Queued {result.id}")
