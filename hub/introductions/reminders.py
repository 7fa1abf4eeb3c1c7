"""The hub's reminder: 30 days after an introduction, "did you connect?" to both sides."""

import datetime

from django.utils.translation import gettext_lazy

from youthcities.accounts.roles import HUB_MEMBER, MUNICIPAL, PROGRAMME_STAFF
from youthcities.reminders.registry import ReminderKind, register_kind

from .models import Introduction

FOLLOW_UP_AFTER = datetime.timedelta(days=30)


def introductions_to_follow_up(now):
    """Introductions made at least 30 days ago whose outcome nobody noted yet."""
    return Introduction.objects.filter(
        status=Introduction.Status.INTRODUCED,
        outcome="",
        answered_at__lte=now - FOLLOW_UP_AFTER,
    ).select_related("requester", "counterpart", "city", "requester_city")


INTRODUCTION_FOLLOW_UP = register_kind(
    ReminderKind(
        code="introduction_follow_up",
        label=gettext_lazy("Did you connect? 30 days after an introduction"),
        template="hub/email/introduction_follow_up",
        candidates=introductions_to_follow_up,
        recipients=lambda introduction: [
            person for person in (introduction.requester, introduction.counterpart) if person
        ],
        key=lambda introduction: str(introduction.pk),
        context=lambda introduction: {"introduction": introduction},
        link=lambda introduction, user: ("hub:my_introductions", []),
        roles=(HUB_MEMBER, MUNICIPAL, PROGRAMME_STAFF),
        order=60,
    )
)
