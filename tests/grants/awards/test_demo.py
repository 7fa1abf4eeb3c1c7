"""The demo's awards: one paid through Stripe (recorded offline), one paid by manual transfer in
Lebanon with two finance officers, one with a report waiting; seeding twice changes nothing."""

import pytest
from django.core.management import call_command

from grants.awards.models import Award, Report
from grants.payments.models import LedgerEntry, ManualPayment, StripeAccount, StripeEvent, Tranche

pytestmark = pytest.mark.django_db
MODELS = [Award, Tranche, Report, ManualPayment, LedgerEntry, StripeAccount, StripeEvent]


def test_seed_demo_makes_three_awards_paid_three_ways_and_again_changes_nothing(settings, demo):
    # `demo` is the first seeding (tests.support.demo seeds with STRIPE_API_BASE pointing nowhere
    # too); the second runs here.
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens: the seed must not call
    counts = {model: model.objects.count() for model in MODELS}
    assert Award.objects.count() == 3
    assert Award.objects.filter(state="active").count() == 3

    by_stripe = Award.objects.get(stripe_account__isnull=False)
    paid = by_stripe.tranches.get(position=1)
    assert paid.state == Tranche.State.PAID
    assert paid.stripe_transfer_id.startswith("tr_demo")
    assert by_stripe.stripe_account.payouts_enabled

    manual = Award.objects.get(payee_country="LB")
    assert manual.payout_method == Award.Method.MANUAL
    payment = ManualPayment.objects.get(tranche__award=manual)
    assert payment.state == "approved"
    assert payment.recorded_by.email == "finance@example.org"
    assert payment.decided_by.email == "finance2@example.org"

    waiting = Report.objects.get(state=Report.State.SUBMITTED)
    assert waiting.award not in (by_stripe, manual)
    assert waiting.spending.exists() and waiting.evidence.exists()
    assert LedgerEntry.objects.filter(kind="tranche_paid").count() == 2

    call_command("seed_demo", verbosity=0)
    assert {model: model.objects.count() for model in MODELS} == counts
