"""The applications floor's reminders and deadlines: a draft not submitted a week and 48 hours
before its call closes."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.applications.models import Application
from grants.applications.selectors import co_applicant_invitations, team_members, teams_of
from youthcities.reminders.registry import (
    Deadline,
    ReminderKind,
    register_deadlines,
    register_kind,
)

WEEK = datetime.timedelta(days=7)
TWO_DAYS = datetime.timedelta(hours=48)


def _drafts_closing(now, *, after, until):
    return Application.objects.filter(
        status=Application.Status.DRAFT,
        call__closes_at__gt=now + after,
        call__closes_at__lte=now + until,
    ).select_related("call", "applicant")


def _draft_key(application) -> str:
    # A moved deadline is a new occurrence: the draft is reminded of the new one.
    return f"{application.pk}:{application.call.closes_at:%Y%m%dT%H%M}"


def _team(application) -> list:
    # The whole team is reminded: a co-applicant may be the one finishing the draft.
    return team_members(application)


def _draft_kind(code, label, after, until, order):
    return register_kind(
        ReminderKind(
            code=code,
            label=label,
            template="grants/email/reminder_draft",
            candidates=lambda now: _drafts_closing(now, after=after, until=until),
            recipients=_team,
            recipients_in_bulk=teams_of,
            key=_draft_key,
            context=lambda application: {"application": application, "call": application.call},
            link=lambda application, user: ("grants:apply", [application.call.slug]),
            order=order,
        )
    )


DRAFT_WEEK = _draft_kind(
    "draft_week",
    gettext_lazy("A draft not submitted, a week before the deadline"),
    TWO_DAYS,
    WEEK,
    10,
)
DRAFT_TWO_DAYS = _draft_kind(
    "draft_48h",
    gettext_lazy("A draft not submitted, 48 hours before the deadline"),
    datetime.timedelta(0),
    TWO_DAYS,
    11,
)


@register_deadlines
def draft_deadlines(user):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    invited = co_applicant_invitations(user).values("application_id")
    for application in Application.objects.filter(
        Q(applicant=user) | Q(pk__in=invited), status=Application.Status.DRAFT
    ).select_related("call"):
        yield Deadline(
            uid=f"draft-{application.pk}",
            title=_("Deadline: %(call)s") % {"call": application.call.title},
            starts=application.call.closes_at,
            url=base + reverse("grants:apply", args=[application.call.slug]),
        )
