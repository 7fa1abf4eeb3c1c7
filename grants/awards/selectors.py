"""Reads of awards and money: the grantee's awards, an award with everything its page shows, the
finance totals per call and currency, and the ledger."""

from django.db.models import Prefetch, QuerySet

from grants.awards.models import Award, Report
from grants.payments.models import ManualPayment, Tranche


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


def awards_count() -> int:
    return Award.objects.count()
