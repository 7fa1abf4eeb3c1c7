"""The accounts floor's reminder: a young person who needed a guardian's consent reaches their
country's age of digital consent. The block lifts by itself (`can_participate` reads the age);
this tells them, once, in their language."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy

from youthcities.reminders.registry import ReminderKind, register_kind

from .consent_ages import CONSENT_AGES, DEFAULT_CONSENT_AGE, consent_age_for
from .models import User, age_on

# Birthdays this recent are news: a scheduler stopped for up to a month still tells everyone,
# and the first run after deployment does not write to people who came of age years ago.
RECENT = datetime.timedelta(days=30)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def _came_of_age(user, today: datetime.date) -> bool:
    """They reached the age lately, and had joined before it: they were blocked or needed their
    guardian's consent until then."""
    age = consent_age_for(user.country)
    if not (age_on(user.date_of_birth, today) >= age > age_on(user.date_of_birth, today - RECENT)):
        return False
    return age_on(user.date_of_birth, timezone.localdate(user.date_joined)) < age


def came_of_age(now):
    """People who reached their country's age of consent in the last 30 days, having joined
    below it. The birth dates are narrowed per age in the database, the rest read in Python."""
    today = timezone.localdate(now)
    ages = {DEFAULT_CONSENT_AGE, *CONSENT_AGES.values()}
    ids = []
    for age in ages:
        countries = [code for code, value in CONSENT_AGES.items() if value == age]
        people = User.objects.filter(
            is_active=True,
            erased_at__isnull=True,
            date_of_birth__gt=_years_before(today - RECENT, age) - datetime.timedelta(days=1),
            date_of_birth__lte=_years_before(today, age) + datetime.timedelta(days=1),
        )
        if age == DEFAULT_CONSENT_AGE:
            people = people.exclude(country__in=[c for c in CONSENT_AGES if CONSENT_AGES[c] != age])
        else:
            people = people.filter(country__in=countries)
        ids += [user.pk for user in people if _came_of_age(user, today)]
    return User.objects.filter(pk__in=ids)


CONSENT_AGE_REACHED = register_kind(
    ReminderKind(
        code="consent_age_reached",
        label=gettext_lazy("You no longer need a guardian's consent"),
        template="accounts/email/consent_age_reached",
        candidates=came_of_age,
        recipients=lambda user: [user],
        key=lambda user: str(user.pk),  # once in a lifetime
        context=lambda user: {"age": consent_age_for(user.country)},
        link=lambda user, recipient: ("accounts:dashboard", []),
        offered=False,
        order=90,
    )
)
