"""Reading calls: the listing by phase, and whether a rubric is locked by scores."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from grants.calls.models import GrantCall, RubricCriterion


@dataclass
class CallListing:
    open: list[GrantCall]
    upcoming: list[GrantCall]
    closed: list[GrantCall]


def calls_for_listing(now: datetime | None = None) -> CallListing:
    """Open calls first (closing soonest first), then upcoming, then closed (newest first)."""
    now = now or timezone.now()
    calls = list(GrantCall.objects.prefetch_related("cities").order_by("closes_at"))
    return CallListing(
        open=[c for c in calls if c.is_open(now)],
        upcoming=sorted((c for c in calls if not c.has_opened(now)), key=lambda c: c.opens_at),
        closed=sorted((c for c in calls if c.has_closed(now)), key=lambda c: c.closes_at)[::-1],
    )


# --- Rubric ----------------------------------------------------------------------------------


def scoring_started(call: GrantCall) -> bool:
    return RubricCriterion.objects.filter(call=call, scores__isnull=False).exists()


def rubric_is_locked(call: GrantCall) -> bool:
    return call.rubric_unlocked_at is None and scoring_started(call)


def calls_open(now: datetime | None = None, *, limit: int = 2) -> list[GrantCall]:
    """The calls open now, the one closing soonest first (the home page shows them)."""
    now = now or timezone.now()
    calls = GrantCall.objects.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")
    return list(calls[:limit])
