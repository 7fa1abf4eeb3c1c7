"""The tranche schedule of an award, one rule for the decision form and `award_create`: its
default (50 % on the signed agreement, 30 % on an approved mid-term report, 20 % on the final
report) and what makes a schedule valid."""

from dataclasses import dataclass
from decimal import Decimal

from grants.payments.models import Tranche

C = Tranche.Condition


@dataclass(frozen=True)
class ScheduleItem:
    condition: str
    percent: Decimal


DEFAULT_SCHEDULE = (
    ScheduleItem(C.AGREEMENT, Decimal(50)),
    ScheduleItem(C.MIDTERM_REPORT, Decimal(30)),
    ScheduleItem(C.FINAL_REPORT, Decimal(20)),
)
DEFAULT_SHARES = {item.condition: int(item.percent) for item in DEFAULT_SCHEDULE}


def schedule_total(schedule) -> Decimal:
    return sum((item.percent for item in schedule), Decimal(0))


def schedule_is_valid(schedule) -> bool:
    """Every share positive, every condition known, and together exactly 100 %."""
    return (
        bool(schedule)
        and schedule_total(schedule) == 100
        and all(item.percent > 0 for item in schedule)
        and all(item.condition in C.values for item in schedule)
    )
