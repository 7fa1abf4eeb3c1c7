"""The ledger: money moves only by appending rows (a commitment, a payment, a failure, a
reversal, a clawback), and amounts are checked before they are written."""

from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.errors import GrantError, NotAllowed
from grants.payments.lifecycle import TRANCHE
from grants.payments.models import LedgerEntry, Tranche
from grants.permissions import require_role
from youthcities.accounts.roles import FINANCE
from youthcities.audit.services import audit_record
from youthcities.money import TooManyDecimals, quantum

T = Tranche.State
Kind = LedgerEntry.Kind


class BadMoney(GrantError):
    message = gettext_lazy("This amount cannot be used.")


# --- Money checks ------------------------------------------------------------------------------


def check_money(amount, currency: str, *, expected_currency: str) -> Decimal:
    """A positive Decimal in the expected currency with at most its minor units. Never a float."""
    if isinstance(amount, float):
        raise BadMoney(_("Amounts are never floating-point numbers."))
    if currency != expected_currency:
        raise BadMoney(
            _("This award is paid in %(expected)s, not %(currency)s.")
            % {"expected": expected_currency, "currency": currency}
        )
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise BadMoney(_("Give an amount, e.g. 250.")) from None
    if not amount.is_finite() or amount <= 0:
        raise BadMoney(_("The amount must be more than zero."))
    if amount != amount.quantize(quantum(currency), rounding=ROUND_DOWN):
        raise BadMoney(TooManyDecimals(currency).message)
    return amount.quantize(quantum(currency))


def award_paid(award) -> Decimal:
    total = award.ledger.filter(kind__in=LedgerEntry.PAID_KINDS).aggregate(t=Sum("amount"))["t"]
    return total or Decimal(0)


def ledger_add(*, award, kind: str, amount: Decimal, **fields) -> LedgerEntry:
    return LedgerEntry.objects.create(
        award=award,
        call_id=award.call_id,
        kind=kind,
        amount=amount,
        currency=award.currency,
        **fields,
    )


# --- Corrections -------------------------------------------------------------------------------


def tranche_locked(tranche: Tranche) -> Tranche:
    return (
        Tranche.objects.select_for_update(of=("self",))
        .select_related("award", "award__stripe_account")
        .get(pk=tranche.pk)
    )


def reversal_add(entry: LedgerEntry, *, actor, amount: Decimal, note: str) -> LedgerEntry:
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise NotAllowed(_("This entry is reversed already."))
    reversal = ledger_add(
        award=entry.award,
        tranche=entry.tranche,
        kind=Kind.REVERSAL,
        amount=-amount,
        method=entry.method,
        reference=entry.reference,
        reverses=entry,
        actor=actor,
        note=note[:300],
    )
    audit_record(
        actor=actor,
        action="ledger.reversed",
        target=reversal,
        data={"reverses": entry.pk, "amount": str(amount), "note": note},
    )
    return reversal


def ledger_reverse(*, entry: LedgerEntry, actor, reason: str) -> LedgerEntry:
    """Correct a payment recorded in error by a new, reversing entry; the tranche shows it."""
    require_role(actor, FINANCE)
    if not reason.strip():
        raise NotAllowed(_("Give a reason."))
    if entry.kind != Kind.PAID:
        raise NotAllowed(_("Only a payment can be reversed."))
    with transaction.atomic():
        tranche = tranche_locked(entry.tranche)
        reversal = reversal_add(entry, actor=actor, amount=entry.amount, note=reason.strip())
        TRANCHE.move(tranche, T.REVERSED, FINANCE)
        tranche.save(update_fields=["state"])
    return reversal
