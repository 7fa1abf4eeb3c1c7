"""Payments' background work: Stripe calls never run inside a web request."""

from django_tasks import task

from grants.errors import GrantError
from grants.payments.models import Tranche
from grants.payments.services import tranche_send
from grants.payments.stripe_events import (
    processing_tranches_settle,
    reconciliation_run,
    stripe_event_apply,
    stripe_events_to_apply,
)


@task()
def apply_stripe_event(event_pk: int) -> str:
    return stripe_event_apply(event_pk=event_pk)


@task()
def send_tranche_transfer(tranche_id: int) -> str:
    """The Stripe transfer of a tranche a finance officer clicked Pay for. The outcome is kept
    on the tranche (paid, failed, or still "being paid" for the catch-up to settle)."""
    try:
        return tranche_send(tranche=Tranche(pk=tranche_id)).state
    except GrantError as error:
        return type(error).__name__


@task()
def stripe_catch_up() -> int:
    """Run every few minutes: events missed while the webhook was down (or stored and never
    applied), and tranches a Stripe timeout left "being paid". Returns how many events were new."""
    new, to_apply = stripe_events_to_apply()
    for pk in to_apply:
        apply_stripe_event.enqueue(event_pk=pk)
    processing_tranches_settle()
    return new


@task()
def reconcile_stripe() -> int:
    return reconciliation_run().pk
