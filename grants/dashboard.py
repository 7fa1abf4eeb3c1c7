"""What waits for programme staff and finance officers, for the admin dashboard: each line one
counting query, whatever the number of calls, applications or awards."""

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grants.applications.lifecycle import IN_REVIEW
from grants.applications.models import Application
from grants.awards.models import Report
from grants.payments.models import ManualPayment, Tranche
from grants.payments.selectors import READY_TO_PAY
from grants.review.models import Review, ReviewAssignment
from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF
from youthcities.accounts.selectors import has_role
from youthcities.admin_panels import Waiting

State = ReviewAssignment.State


def _one_or_all(ids: list[int], one: str, every: str) -> str:
    """The page of the one thing concerned, or the list when there are several."""
    distinct = set(ids)
    return reverse(one, args=[distinct.pop()]) if len(distinct) == 1 else reverse(every)


def waiting_for(user) -> list[Waiting]:
    items = []
    if has_role(user, PROGRAMME_STAFF):
        items += _for_programme_staff()
    if has_role(user, FINANCE):
        items += _for_finance(user)
    return items


def _for_programme_staff() -> list[Waiting]:
    # Applications in review with fewer reviewers (a declared conflict does not count) than
    # their call asks for.
    to_assign = list(
        Application.objects.filter(status__in=IN_REVIEW)
        .annotate(reviewers=Count("assignments", filter=~Q(assignments__state=State.CONFLICTED)))
        .filter(reviewers__lt=F("call__reviewers_per_application"))
        .values_list("call_id", flat=True)
    )
    late = list(
        ReviewAssignment.objects.filter(due_at__lt=timezone.now())
        .exclude(state=State.CONFLICTED)
        .exclude(review__status=Review.Status.SUBMITTED)
        .values_list("call_id", flat=True)
    )
    reports = list(
        Report.objects.filter(state=Report.State.SUBMITTED).values_list("award_id", flat=True)
    )
    return [
        Waiting(
            _("Applications to assign to reviewers"),
            len(to_assign),
            _one_or_all(to_assign, "grants_review_admin:assign", "grants_calls:index"),
            order=10,
        ),
        Waiting(
            _("Reviews past their due date"),
            len(late),
            _one_or_all(late, "grants_review_admin:assign", "grants_calls:index"),
            order=20,
        ),
        Waiting(
            _("Grantees' reports to approve"),
            len(reports),
            _one_or_all(reports, "grants_award_admin:award", "grants_award_admin:awards"),
            order=30,
        ),
    ]


def _for_finance(user) -> list[Waiting]:
    # A manual payment needs a second officer: the one who recorded it is not asked.
    to_approve = list(
        ManualPayment.objects.filter(state=ManualPayment.State.RECORDED)
        .exclude(recorded_by=user)
        .values_list("tranche__award_id", flat=True)
    )
    ready = Tranche.objects.filter(state__in=READY_TO_PAY).count()
    return [
        Waiting(
            _("Manual payments to approve"),
            len(to_approve),
            _one_or_all(to_approve, "grants_award_admin:award", "grants_award_admin:awards"),
            order=40,
        ),
        Waiting(
            _("Tranches ready to pay"),
            ready,
            reverse("grants_award_admin:ready_to_pay"),
            order=50,
        ),
    ]
