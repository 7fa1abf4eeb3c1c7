"""The network floor's reminder and deadlines: a recommendation unanswered for 30 days (to the
city's municipal staff and programme staff), and the workshops a person registered for."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy

from youthcities.accounts.roles import MUNICIPAL, PROGRAMME_STAFF
from youthcities.accounts.selectors import users_with_role
from youthcities.network.workshops.models import Recommendation, Registration
from youthcities.reminders.registry import (
    Deadline,
    ReminderKind,
    register_deadlines,
    register_kind,
)

UNANSWERED = datetime.timedelta(days=30)


def _city_and_programme_staff(recommendation) -> list:
    municipal = users_with_role(MUNICIPAL).filter(city_staff__city_id=recommendation.city_id)
    staff = users_with_role(PROGRAMME_STAFF)
    return list((municipal | staff).distinct())


RECOMMENDATION_UNANSWERED = register_kind(
    ReminderKind(
        code="recommendation_unanswered",
        label=gettext_lazy("A recommendation unanswered for 30 days"),
        template="network/email/reminder_recommendation",
        candidates=lambda now: Recommendation.objects.filter(
            answer__isnull=True, created_at__lte=now - UNANSWERED
        ).select_related("city", "workshop"),
        recipients=_city_and_programme_staff,
        key=lambda recommendation: str(recommendation.pk),
        context=lambda recommendation: {
            "recommendation": recommendation,
            "city": recommendation.city,
        },
        link=lambda recommendation, user: ("cms:city", [recommendation.city.slug]),
        roles=(MUNICIPAL, PROGRAMME_STAFF),
        order=40,
    )
)


@register_deadlines
def workshop_dates(user):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for registration in Registration.objects.filter(
        user=user, status=Registration.Status.REGISTERED
    ).select_related("workshop__city"):
        workshop = registration.workshop
        yield Deadline(
            uid=f"workshop-{workshop.pk}",
            title=str(workshop.title),
            starts=workshop.starts_on,
            ends=workshop.ends_on + datetime.timedelta(days=1),
            url=base + reverse("network:workshop", args=[workshop.slug]),
        )
