"""Stripe's events (stored once, applied once, in any order), the catch-up after webhook
downtime, tranches a timeout left "being paid", and reconciliation with Stripe's transfers."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from grants.errors import GrantError
from grants.payments import gateway
from grants.payments.ledger import Kind, T
from grants.payments.models import (
    LedgerEntry,
    ManualPayment,
    PayoutMethod,
    ReconciliationRun,
    StripeAccount,
    StripeEvent,
    Tranche,
)
from grants.payments.services import tranche_send, transfer_apply
from grants.permissions import require_role
from youthcities.accounts.roles import FINANCE
from youthcities.audit.services import audit_record
from youthcities.queue import insert_once


def account_apply(*, account: dict) -> StripeAccount | None:
    """Bring our record of a Connect account to what Stripe says now. None: not ours."""
    with transaction.atomic():
        local = StripeAccount.objects.select_for_update().filter(account_id=account["id"]).first()
        if local is not None:
            _account_update(local, account)
    return local


def _account_update(local: StripeAccount, account: dict) -> None:
    enabled = bool(account.get("payouts_enabled"))
    submitted = bool(account.get("details_submitted"))
    if (local.payouts_enabled, local.details_submitted) != (enabled, submitted):
        local.payouts_enabled = enabled
        local.details_submitted = submitted
        local.save(update_fields=["payouts_enabled", "details_submitted", "updated_at"])
        audit_record(
            actor=None,
            action="stripe.account_updated",
            target=local,
            data={"payouts_enabled": enabled, "details_submitted": submitted},
        )


# --- Stripe events -----------------------------------------------------------------------------


def stripe_event_row(event: dict) -> StripeEvent:
    """A verified event as we keep it, not saved yet."""
    data_object = (event.get("data") or {}).get("object") or {}
    return StripeEvent(
        event_id=event["id"],
        type=event.get("type", ""),
        account=event.get("account") or "",
        object_id=str(data_object.get("id", "")),
        payload=dict(event),
    )


def stripe_event_store(*, event: dict) -> StripeEvent | None:
    """Keep a verified event by its id; None if it was seen before. The catch-up task queues
    the apply task after (the webhook stores and queues in one go: `insert_once_and_enqueue`)."""
    stored = stripe_event_row(event)
    return stored if insert_once(stored) else None  # None: Stripe (or the catch-up) sent it before


def stripe_event_apply(*, event_pk: int) -> str:
    """Apply one stored event, once. The object is fetched again from Stripe rather than taken
    from the event, so events in any order lead to the same state."""
    with transaction.atomic():
        event = StripeEvent.objects.select_for_update().get(pk=event_pk)
        if event.processed_at is not None:
            return "duplicate"
        outcome = _apply(event)
        event.processed_at = timezone.now()
        event.outcome = outcome
        event.save(update_fields=["processed_at", "outcome"])
    return outcome


def _apply(event: StripeEvent) -> str:
    if event.type.startswith("account."):
        account_id = event.account or event.object_id
        # Locked before Stripe is asked: two events of one account apply one after the other.
        local = StripeAccount.objects.select_for_update().filter(account_id=account_id).first()
        if local is None:
            return "unknown account"
        _account_update(local, gateway.account_retrieve(account_id))
        return "account updated"
    if event.type.startswith("transfer."):
        tranche = transfer_apply(transfer=gateway.transfer_retrieve(event.object_id))
        return "transfer applied" if tranche is not None else "unknown transfer"
    return "ignored"


STALE_AFTER = datetime.timedelta(minutes=5)


def stripe_events_to_apply(
    *, since: datetime.timedelta = datetime.timedelta(days=3)
) -> tuple[int, list[int]]:
    """Store the events Stripe holds that we never received (webhook downtime). Returns how many
    were new and the events to apply: those, and any stored but never applied (the process died
    between the commit and the enqueue)."""
    created_gte = int((timezone.now() - since).timestamp())
    new = []
    for event in gateway.events_since(created_gte):
        with transaction.atomic():
            stored = stripe_event_store(event=event)
        if stored is not None:
            new.append(stored.pk)
    stale = StripeEvent.objects.filter(
        processed_at__isnull=True, received_at__lt=timezone.now() - STALE_AFTER
    ).exclude(pk__in=new)
    return len(new), [*new, *stale.values_list("pk", flat=True)]


def processing_tranches_settle() -> int:
    """Tranches left "being paid" by a Stripe timeout or 5xx: send again with the saved key
    (the transfer Stripe made is found and recorded, or made once). A tranche being paid by a
    recorded manual transfer is left to its second officer."""
    settled = 0
    stuck = (
        Tranche.objects.filter(state=T.PROCESSING, award__payout_method=PayoutMethod.STRIPE)
        .exclude(idempotency_key="")
        .exclude(manual_payments__state=ManualPayment.State.RECORDED)
    )
    for tranche in stuck:
        try:
            tranche_send(tranche=tranche)
            settled += 1
        except GrantError:
            continue
    return settled


# --- Reconciliation ----------------------------------------------------------------------------


def reconciliation_run(*, actor=None) -> ReconciliationRun:
    """Compare every Stripe transfer with the ledger and keep the list of mismatches."""
    if actor is not None:
        require_role(actor, FINANCE)
    paid, reversed_total = _stripe_ledger()
    mismatches = []
    seen = set()
    checked = 0
    for transfer in gateway.transfers_all():
        checked += 1
        seen.add(transfer["id"])
        mismatches += _transfer_mismatches(transfer, paid.get(transfer["id"]), reversed_total)
    mismatches += [
        {
            "problem": "ledger_without_transfer",
            "transfer": reference,
            "amount": str(entry.amount),
            "currency": entry.currency,
        }
        for reference, entry in paid.items()
        if reference not in seen
    ]
    with transaction.atomic():
        run = ReconciliationRun.objects.create(transfers_checked=checked, mismatches=mismatches)
        audit_record(
            actor=actor,
            action="stripe.reconciled",
            target=run,
            data={"checked": checked, "mismatches": len(mismatches)},
        )
    return run


def _stripe_ledger() -> tuple[dict[str, LedgerEntry], dict[str, Decimal]]:
    """The ledger's Stripe payments by transfer id, and how much of each was reversed."""
    paid = {
        entry.reference: entry
        for entry in LedgerEntry.objects.filter(kind=Kind.PAID, method=PayoutMethod.STRIPE)
    }
    reversed_total = {
        row["reverses__reference"]: -row["total"]
        for row in LedgerEntry.objects.filter(kind=Kind.REVERSAL, method=PayoutMethod.STRIPE)
        .values("reverses__reference")
        .annotate(total=Sum("amount"))
    }
    return paid, reversed_total


def _transfer_mismatches(transfer, entry: LedgerEntry | None, reversed_total) -> list[dict]:
    """How one Stripe transfer differs from its ledger entry: missing, another amount, or
    another amount reversed."""
    transfer_id = transfer["id"]
    currency = transfer["currency"].upper()
    if entry is None:
        return [
            {
                "problem": "transfer_without_ledger",
                "transfer": transfer_id,
                "amount": str(gateway.from_minor(transfer["amount"], currency)),
                "currency": currency,
            }
        ]
    mismatches = []
    amount = gateway.from_minor(transfer["amount"], entry.currency)
    if currency != entry.currency or amount != entry.amount:
        mismatches.append(
            {
                "problem": "amount_differs",
                "transfer": transfer_id,
                "stripe": f"{currency} {amount}",
                "ledger": f"{entry.currency} {entry.amount}",
            }
        )
    stripe_reversed = gateway.from_minor(transfer.get("amount_reversed") or 0, entry.currency)
    ledger_reversed = reversed_total.get(transfer_id, Decimal(0))
    if stripe_reversed != ledger_reversed:
        mismatches.append(
            {
                "problem": "reversal_differs",
                "transfer": transfer_id,
                "stripe": str(stripe_reversed),
                "ledger": str(ledger_reversed),
            }
        )
    return mismatches
