"""Reads of awards and money: the grantee's awards, an award with everything its page shows, the
finance totals per call and currency, and the ledger."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from .award_models import Award, LedgerEntry, ManualPayment, Report, Tranche

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=3))


def awards_of(user) -> QuerySet[Award]:
    return Award.objects.filter(grantee=user).select_related("call", "application")


def award_with_everything(queryset: QuerySet[Award], pk: int) -> Award | None:
    return (
        queryset.select_related("call", "application", "grantee", "stripe_account")
        .prefetch_related(
            Prefetch(
                "tranches",
                queryset=Tranche.objects.select_related("report").prefetch_related(
                    Prefetch(
                        "manual_payments",
                        queryset=ManualPayment.objects.select_related("recorded_by", "decided_by"),
                    )
                ),
            ),
            Prefetch(
                "reports",
                queryset=Report.objects.select_related("tranche").prefetch_related(
                    "evidence", "spending__budget_line"
                ),
            ),
            "application__budget_lines",
        )
        .filter(pk=pk)
        .first()
    )


def award_ledger(award: Award) -> QuerySet[LedgerEntry]:
    return award.ledger.select_related("tranche", "actor").order_by("created_at", "id")


def paid_total(award: Award) -> Decimal:
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
        Award.objects.values("call_id").annotate(n=Count("id")).values_list("call_id", "n")
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
