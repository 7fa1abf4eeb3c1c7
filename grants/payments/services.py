"""Paying tranches through Stripe Connect: payout countries, the pay click, the transfer sent
once under its idempotency key, Stripe's answer applied once, and a failed tranche made payable
again. Each change of state in a transaction, checked against `TRANCHE`, audited."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grants.errors import NotAllowed
from grants.payments import gateway
from grants.payments.gateway import (
    GatewayError,
    NotPayable,
    OutcomeUnknown,
    PayoutNotAllowed,
    TransferMismatch,
)
from grants.payments.ledger import Kind, T, ledger_add, reversal_add, tranche_locked
from grants.payments.lifecycle import TRANCHE
from grants.payments.models import PayoutCountry, PayoutMethod, Tranche
from grants.payments.signals import tranche_paid
from grants.permissions import require_role
from youthcities.accounts.countries import is_country
from youthcities.accounts.roles import FINANCE
from youthcities.audit.services import audit_record
from youthcities.lifecycle import SYSTEM

logger = logging.getLogger(__name__)


def payout_country_set(*, country: str, stripe_supported: bool, actor, note: str = ""):
    """Finance say whether Stripe Connect pays out in a country (Stripe's coverage changes).
    Awards made afterwards follow it; existing awards keep their method."""
    require_role(actor, FINANCE)
    country = country.strip().upper()
    if not is_country(country):
        raise NotAllowed(_("%(code)s is not a country code.") % {"code": country})
    with transaction.atomic():
        row, _created = PayoutCountry.objects.select_for_update().get_or_create(country=country)
        row.stripe_supported = stripe_supported
        row.note = note.strip()[:200]
        row.save()
        audit_record(
            actor=actor,
            action="payout_country.set",
            target=row,
            data={"stripe_supported": stripe_supported, "note": row.note},
        )
    return row


def stripe_serves(country: str) -> bool:
    return PayoutCountry.objects.filter(country=country, stripe_supported=True).exists()


def tranche_pay(*, tranche: Tranche, actor) -> Tranche:
    """Pay a payable tranche by Stripe transfer, here and now (scripts, the demo, tests). The
    row lock and the state make concurrent clicks, retries and workers pay once; the idempotency
    key is saved before the call, so a retry after a timeout asks Stripe for the same transfer,
    never a second one. The admin's Pay button calls `tranche_pay_begin` and leaves the call to
    Stripe to the `send_tranche_transfer` task: a web request never waits for Stripe."""
    return tranche_send(tranche=tranche_pay_begin(tranche=tranche, actor=actor))


def tranche_pay_begin(*, tranche: Tranche, actor) -> Tranche:
    """The first half of `tranche_pay`: lock, check, and save the attempt's idempotency key.
    Committed before Stripe is called."""
    require_role(actor, FINANCE)
    with transaction.atomic():
        current = tranche_locked(tranche)
        award = current.award
        if current.state != T.PAYABLE:
            raise NotPayable(
                _("This tranche is %(state)s: only a tranche ready to pay can be paid.")
                % {"state": current.get_state_display().lower()}
            )
        if award.payout_method != PayoutMethod.STRIPE:
            raise PayoutNotAllowed(_("This award is paid by manual transfer."))
        account = award.stripe_account
        if account is None or not account.payouts_enabled:
            raise PayoutNotAllowed()
        TRANCHE.move(current, T.PROCESSING, FINANCE)
        current.attempt += 1
        current.idempotency_key = current.new_idempotency_key()
        current.failure_reason = ""
        current.save(update_fields=["state", "attempt", "idempotency_key", "failure_reason"])
        audit_record(
            actor=actor,
            action="tranche.transfer_requested",
            target=current,
            data={"idempotency_key": current.idempotency_key, "amount": str(current.amount)},
        )
    return current


def tranche_send(*, tranche: Tranche) -> Tranche:
    """Send (or send again) the transfer of a tranche being paid, with its saved key. Stripe is
    asked first whether it already holds a transfer for the tranche (a retry after it forgot the
    key, or an attempt whose answer was lost): that one is recorded, no second one is made.
    Only a clear refusal fails the tranche; no answer, a timeout or a 5xx leave it "being paid"
    under the same key (`OutcomeUnknown`), for the next retry."""
    current = Tranche.objects.select_related("award__stripe_account").get(pk=tranche.pk)
    if current.state != T.PROCESSING or not current.idempotency_key:
        raise NotPayable()
    award = current.award
    existing = gateway.transfer_of_tranche(
        transfer_group=award.transfer_group, tranche_id=current.pk
    )
    if existing is not None:
        applied = transfer_apply(transfer=existing)
        if applied is None or applied.state == T.PROCESSING:
            raise TransferMismatch()
        return applied
    try:
        transfer = gateway.transfer_create(
            amount=current.amount,
            currency=award.currency,
            destination=award.stripe_account.account_id,
            transfer_group=award.transfer_group,
            idempotency_key=current.idempotency_key,
            metadata={"tranche": str(current.pk), "award": str(award.pk)},
        )
    except OutcomeUnknown:
        raise
    except GatewayError as error:
        _tranche_failed(current, key=current.idempotency_key, reason=str(error))
        raise
    return transfer_apply(transfer=transfer) or current


def _tranche_failed(tranche: Tranche, *, key: str, reason: str) -> None:
    with transaction.atomic():
        current = tranche_locked(tranche)
        if current.state != T.PROCESSING or current.idempotency_key != key:
            return
        TRANCHE.move(current, T.FAILED, SYSTEM)
        current.failure_reason = reason[:300]
        current.save(update_fields=["state", "failure_reason"])
        ledger_add(
            award=current.award,
            tranche=current,
            kind=Kind.FAILED,
            amount=current.amount,
            method=PayoutMethod.STRIPE,
            reference=key,
            note=reason[:300],
        )
        audit_record(actor=None, action="tranche.failed", target=current, data={"reason": reason})


def transfer_apply(*, transfer: dict) -> Tranche | None:
    """Bring a tranche to what Stripe says of its transfer now: paid once, reversed once.
    Idempotent and order-free: any number of calls with any fresher state give one result."""
    metadata = transfer.get("metadata") or {}
    try:
        tranche_id = int(metadata.get("tranche", ""))
    except ValueError:
        return None
    with transaction.atomic():
        try:
            current = tranche_locked(Tranche(pk=tranche_id))
        except Tranche.DoesNotExist:
            return None
        award = current.award
        amount = gateway.from_minor(transfer["amount"], award.currency)
        if (
            transfer.get("currency", "").upper() != award.currency
            or amount != current.amount
            or transfer.get("transfer_group") != award.transfer_group
        ):
            return None  # not the transfer we asked for: reconciliation lists it
        if current.state == T.PROCESSING and current.stripe_transfer_id in ("", transfer["id"]):
            TRANCHE.move(current, T.PAID, SYSTEM)
            current.stripe_transfer_id = transfer["id"]
            current.paid_at = timezone.now()
            current.save(update_fields=["state", "stripe_transfer_id", "paid_at"])
            ledger_add(
                award=award,
                tranche=current,
                kind=Kind.PAID,
                amount=current.amount,
                method=PayoutMethod.STRIPE,
                reference=transfer["id"],
            )
            audit_record(
                actor=None,
                action="tranche.paid",
                target=current,
                data={"transfer": transfer["id"], "amount": str(amount)},
            )
            tranche_paid.send(sender=Tranche, tranche=current)
        reversed_amount = gateway.from_minor(transfer.get("amount_reversed") or 0, award.currency)
        if (
            reversed_amount > 0
            and current.state == T.PAID
            and current.stripe_transfer_id == transfer["id"]
        ):
            paid = current.ledger.get(kind=Kind.PAID)
            reversal_add(paid, actor=None, amount=reversed_amount, note="Stripe transfer reversed")
            TRANCHE.move(current, T.REVERSED, SYSTEM)
            current.save(update_fields=["state"])
    return current


def tranche_retry(*, tranche: Tranche, actor) -> Tranche:
    """A failed tranche is ready to pay again."""
    require_role(actor, FINANCE)
    with transaction.atomic():
        current = tranche_locked(tranche)
        TRANCHE.move(current, T.PAYABLE, FINANCE)
        current.save(update_fields=["state"])
        audit_record(actor=actor, action="tranche.payable_again", target=current)
    return current
