"""The review floor's reminders and deadlines: a review due in three days, and overdue. Not for
an application withdrawn or decided meanwhile, nor a review already submitted."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.applications.models import Application
from grants.review.models import Review, ReviewAssignment
from youthcities.accounts.roles import REVIEWER
from youthcities.reminders.registry import (
    Deadline,
    ReminderKind,
    register_deadlines,
    register_kind,
)

SOON = datetime.timedelta(days=3)
IN_REVIEW = (
    Application.Status.SUBMITTED,
    Application.Status.SHORTLISTED,
    Application.Status.MORE_INFO,
)
OPEN_STATES = (
    ReviewAssignment.State.PENDING,
    ReviewAssignment.State.ACCEPTED,
    ReviewAssignment.State.OVERRIDDEN,
)


def reviews_open():
    return (
        ReviewAssignment.objects.filter(
            state__in=OPEN_STATES, due_at__isnull=False, application__status__in=IN_REVIEW
        )
        .exclude(review__status=Review.Status.SUBMITTED)
        .select_related("application", "reviewer")
    )


def _kind(code, label, candidates, order):
    return register_kind(
        ReminderKind(
            code=code,
            label=label,
            template=f"grants/email/reminder_{code}",
            candidates=candidates,
            recipients=lambda a: [a.reviewer] if a.reviewer.is_active else [],
            key=lambda a: f"{a.pk}:{a.due_at:%Y%m%dT%H%M}",
            context=lambda a: {"assignment": a, "application": a.application},
            link=lambda a, user: ("grants_review:assignment", [a.pk]),
            roles=(REVIEWER,),
            order=order,
        )
    )


REVIEW_SOON = _kind(
    "review_soon",
    gettext_lazy("A review due in three days"),
    lambda now: reviews_open().filter(due_at__gt=now, due_at__lte=now + SOON),
    20,
)
REVIEW_OVERDUE = _kind(
    "review_overdue",
    gettext_lazy("A review overdue"),
    lambda now: reviews_open().filter(due_at__lte=now),
    21,
)


@register_deadlines
def review_deadlines(user):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for assignment in reviews_open().filter(reviewer=user):
        yield Deadline(
            uid=f"review-{assignment.pk}",
            # A blind call's title is the project's, never the applicant's name.
            title=_("Review due: %(reference)s") % {"reference": assignment.application.reference},
            starts=assignment.due_at,
            url=base + reverse("grants_review:assignment", args=[assignment.pk]),
        )
