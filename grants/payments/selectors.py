"""Reads of money: an award's ledger and what was paid, the finance totals per call and
currency, the ledger export and the transfers waiting for a second officer."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from grants.payments.models import LedgerEntry, ManualPayment, Tranche

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=3))


def award_ledger(award) -> QuerySet[LedgerEntry]:
    return award.ledger.select_related("tranche", "actor").order_by("created_at", "id")


def paid_total(award) -> Decimal:
    total = award.ledger.filter(kind__in=LedgerEntry.PAID_KINDS).aggregate(t=Sum("amount"))["t"]
    return total or Decimal(0)


@dataclass
class FinanceRow:
    call_id: int
    call_title: str
    currency: str
    awarded: Decimal
    paid: Decimal
    awards: int

    @property
    def outstanding(self) -> Decimal:
        return self.awarded - self.paid


def finance_totals() -> list[FinanceRow]:
    """Awarded, paid and outstanding per call and currency, in one query over the ledger."""
    rows = (
        LedgerEntry.objects.values("call_id", "call__title_en", "currency")
        .annotate(
            awarded=Coalesce(Sum("amount", filter=Q(kind=LedgerEntry.Kind.COMMITTED)), ZERO),
            paid=Coalesce(Sum("amount", filter=Q(kind__in=LedgerEntry.PAID_KINDS)), ZERO),
        )
        .order_by("call__title_en", "currency")
    )
    counts = dict(
        # Each award commits its amount once: its committed entry counts it.
        LedgerEntry.objects.filter(kind=LedgerEntry.Kind.COMMITTED)
        .values("call_id")
        .annotate(n=Count("id"))
        .values_list("call_id", "n")
    )
    return [
        FinanceRow(
            call_id=row["call_id"],
            call_title=row["call__title_en"],
            currency=row["currency"],
            awarded=row["awarded"],
            paid=row["paid"],
            awards=counts.get(row["call_id"], 0),
        )
        for row in rows
    ]


def ledger_for_export() -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.select_related("award__application", "call", "tranche").order_by(
        "created_at", "id"
    )


def pending_manual_payments() -> QuerySet[ManualPayment]:
    return ManualPayment.objects.filter(state=ManualPayment.State.RECORDED).select_related(
        "tranche__award__application", "recorded_by"
    )


# What finance can pay now: ready, or failed and to be made payable again.
READY_TO_PAY = (Tranche.State.PAYABLE, Tranche.State.FAILED)


def tranches_ready_to_pay() -> QuerySet[Tranche]:
    """Every tranche finance can pay now, across awards, oldest award first: one query."""
    return (
        Tranche.objects.filter(state__in=READY_TO_PAY)
        .select_related("award__application", "award__call")
        .order_by("award__created_at", "award_id", "position")
    )
