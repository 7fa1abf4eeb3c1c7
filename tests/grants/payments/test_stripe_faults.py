"""Stripe failing, against the Stripe stand-in: a finance officer's Pay click never waits for
Stripe (the transfer is sent by a background task), a hanging Stripe is given up on quickly, a
5xx leaves the tranche "being paid" under the same idempotency key, and a retry after Stripe
forgot the key finds the transfer Stripe made instead of making a second one."""

import contextlib
import time

import pytest
from django.urls import reverse

from grants.errors import NotAllowed
from grants.payments.gateway import OutcomeUnknown
from grants.payments.models import LedgerEntry, Tranche
from grants.payments.services import tranche_pay, tranche_retry
from grants.payments.stripe_events import processing_tranches_settle
from tests.grants.award_helpers import connect_stripe, make_award, make_finance
from youthcities.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
T = Tranche.State


def _stripe_award(standin):
    award = make_award(country="JO", accept=True)
    connect_stripe(award, standin)
    return award


def _paid_once(standin, tranche):
    tranche.refresh_from_db()
    assert tranche.state == T.PAID
    assert len(standin.transfers) == 1
    assert LedgerEntry.objects.filter(tranche=tranche, kind="tranche_paid").count() == 1
    assert not LedgerEntry.objects.filter(tranche=tranche, kind="payment_failed").exists()


# --- The Pay click does not wait for Stripe -----------------------------------------------------


def test_the_pay_click_returns_at_once_while_stripe_hangs_and_a_task_sends_the_transfer(
    client, stripe_standin, django_capture_on_commit_callbacks
):
    award = _stripe_award(stripe_standin)
    tranche = award.tranches.get(position=1)
    client.force_login(make_finance())
    stripe_standin.transfer_delay = 2  # Stripe is slow today
    started = time.monotonic()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("grants_award_admin:tranche_pay", args=[tranche.pk]))
    assert time.monotonic() - started < 1.5
    status_page = reverse("grants_award_admin:tranche_payment", args=[tranche.pk])
    assert response.status_code == 302 and response["Location"] == status_page
    # The intent is recorded, its key saved, and Stripe not called yet.
    tranche.refresh_from_db()
    assert tranche.state == T.PROCESSING
    assert tranche.idempotency_key
    assert AuditEntry.objects.filter(action="tranche.transfer_requested").count() == 1
    assert stripe_standin.transfer_requests == 0
    page = client.get(status_page).content.decode()
    assert "The payment is being made" in page
    assert '<meta http-equiv="refresh"' in page
    assert f'href="{status_page}"' in page  # and a link to check again by hand
    # The background task (run after the commit) sends it with the saved key.
    for callback in callbacks:
        callback()
    assert stripe_standin.transfer_keys == [tranche.idempotency_key]
    _paid_once(stripe_standin, tranche)
    page = client.get(status_page).content.decode()
    assert "The tranche is paid through Stripe." in page
    assert '<meta http-equiv="refresh"' not in page


def test_a_hanging_stripe_is_given_up_on_after_the_client_timeout(stripe_standin, settings):
    settings.STRIPE_TIMEOUT_SECONDS = 0.5
    award = _stripe_award(stripe_standin)
    stripe_standin.transfer_delay = 3  # longer than the timeout: Stripe hangs
    started = time.monotonic()
    with pytest.raises(OutcomeUnknown):
        tranche_pay(tranche=award.tranches.get(position=1), actor=make_finance())
    assert time.monotonic() - started < 2.9  # three attempts of half a second, not 3 × 3 s
    tranche = award.tranches.get(position=1)
    assert tranche.state == T.PROCESSING


def test_the_stripe_client_waits_at_most_twenty_seconds():
    from grants.payments import gateway as stripe_gateway

    stripe_gateway._client.cache_clear()
    http_client = stripe_gateway.client()._requestor._client
    assert 0 < http_client._timeout <= 20


# --- Stripe's 5xx and forgotten keys --------------------------------------------------------------


@pytest.mark.parametrize(
    ("failures", "after_work"),
    [(1, False), (3, False), (1, True)],
    ids=["one 500", "500s on every attempt", "500 after the transfer was made"],
)
def test_a_stripe_500_leaves_the_tranche_being_paid_and_the_retry_reuses_the_key(
    stripe_standin, failures, after_work
):
    award = _stripe_award(stripe_standin)
    tranche = award.tranches.get(position=1)
    officer = make_finance()
    stripe_standin.fail_next_transfers = failures
    stripe_standin.fail_after_work = after_work
    with contextlib.suppress(OutcomeUnknown):
        tranche_pay(tranche=tranche, actor=officer)
    tranche.refresh_from_db()
    key = tranche.idempotency_key
    assert tranche.state in (T.PROCESSING, T.PAID)  # never "failed" on a 5xx
    assert not LedgerEntry.objects.filter(kind="payment_failed").exists()
    if tranche.state == T.PROCESSING:
        with pytest.raises(NotAllowed):  # no way to pay it again under a new key
            tranche_retry(tranche=tranche, actor=officer)
        processing_tranches_settle()  # the catch-up task, minutes later
    _paid_once(stripe_standin, tranche)
    tranche.refresh_from_db()
    assert (tranche.idempotency_key, tranche.attempt) == (key, 1)
    assert set(stripe_standin.transfer_keys) == {key}


def test_a_retry_after_stripe_forgot_the_key_records_the_transfer_instead_of_making_another(
    stripe_standin,
):
    award = _stripe_award(stripe_standin)
    tranche = award.tranches.get(position=1)
    stripe_standin.drop_next_transfer_responses = 3  # Stripe made it; we never heard
    with pytest.raises(OutcomeUnknown):
        tranche_pay(tranche=tranche, actor=make_finance())
    stripe_standin.forget_idempotency_keys()  # more than 24 hours later
    assert processing_tranches_settle() == 1
    _paid_once(stripe_standin, tranche)
    assert stripe_standin.transfer_requests == 3  # the three first attempts, no fourth
    tranche.refresh_from_db()
    assert tranche.stripe_transfer_id == next(iter(stripe_standin.transfers))


def test_the_catch_up_leaves_a_tranche_being_paid_by_a_recorded_manual_transfer_alone(
    stripe_standin,
):
    from django.utils import timezone

    from grants.payments.gateway import GatewayError
    from grants.payments.manual import manual_payment_record
    from tests.grants.award_helpers import evidence

    award = _stripe_award(stripe_standin)
    officer = make_finance()
    stripe_standin.disable_payouts(award.stripe_account.account_id)
    with pytest.raises(GatewayError):  # Stripe refuses: the tranche fails, its key stays
        tranche_pay(tranche=award.tranches.get(position=1), actor=officer)
    tranche = tranche_retry(tranche=award.tranches.get(position=1), actor=officer)
    manual_payment_record(
        tranche=tranche,
        actor=officer,
        method="bank",
        reference="ARAB-77",
        paid_on=timezone.localdate(),
        amount=tranche.amount,
        currency=award.currency,
        evidence=evidence(),
    )
    assert processing_tranches_settle() == 0
    tranche.refresh_from_db()
    assert tranche.state == T.PROCESSING  # waiting for the second officer, not failed by Stripe
    assert stripe_standin.transfer_requests == 1
