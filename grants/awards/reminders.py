"""The awards floor's reminders and deadlines: a report due in 14 days, on the day, and 7 days
overdue (programme staff copied)."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.awards.models import Award, Report
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.accounts.selectors import has_role, users_with_role
from youthcities.reminders.registry import (
    Deadline,
    ReminderKind,
    register_deadlines,
    register_kind,
)

SOON = datetime.timedelta(days=14)
LATE = datetime.timedelta(days=7)


def reports_owed():
    return (
        Report.objects.filter(state__in=(Report.State.DUE, Report.State.RETURNED))
        .exclude(award__state=Award.State.COMPLETED)
        .select_related("award__grantee", "award__application")
    )


def _grantee(report) -> list:
    grantee = report.award.grantee
    return [grantee] if grantee.is_active else []


def _grantee_and_staff(report) -> list:
    return [
        *_grantee(report),
        *users_with_role(PROGRAMME_STAFF).exclude(pk=report.award.grantee_id),
    ]


def _link(report, user):
    if has_role(user, PROGRAMME_STAFF) and user.pk != report.award.grantee_id:
        return ("grants_award_admin:award", [report.award_id])
    return ("grants:report", [report.award_id, report.pk])


def _kind(code, label, candidates, recipients, order):
    return register_kind(
        ReminderKind(
            code=code,
            label=label,
            template=f"grants/email/reminder_{code}",
            candidates=candidates,
            recipients=recipients,
            key=lambda report: f"{report.pk}:{report.due_on:%Y%m%d}",
            context=lambda report: {
                "report": report,
                "award": report.award,
                "application": report.award.application,
            },
            link=_link,
            order=order,
        )
    )


def _today(now):
    return timezone.localdate(now)


REPORT_SOON = _kind(
    "report_soon",
    gettext_lazy("A report due in 14 days"),
    lambda now: reports_owed().filter(due_on__gt=_today(now), due_on__lte=_today(now) + SOON),
    _grantee,
    30,
)
REPORT_TODAY = _kind(
    "report_today",
    gettext_lazy("A report due today"),
    lambda now: reports_owed().filter(due_on__lte=_today(now), due_on__gt=_today(now) - LATE),
    _grantee,
    31,
)
REPORT_OVERDUE = _kind(
    "report_overdue",
    gettext_lazy("A report a week overdue"),
    lambda now: reports_owed().filter(due_on__lte=_today(now) - LATE),
    _grantee_and_staff,
    32,
)


@register_deadlines
def report_deadlines(user):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for report in reports_owed().filter(award__grantee=user):
        yield Deadline(
            uid=f"report-{report.pk}",
            title=_("%(kind)s due: %(reference)s")
            % {"kind": report.get_kind_display(), "reference": report.award.application.reference},
            starts=report.due_on,
            url=base + reverse("grants:report", args=[report.award_id, report.pk]),
        )
