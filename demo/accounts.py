"""Demo people for `seed_demo`: one user per role (a minor waiting for guardian consent among
them), each logging in with the demo password; privileged ones with the demo TOTP too."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.utils import timezone

from demo import content
from youthcities.accounts.models import User
from youthcities.accounts.roles import ADMIN_ROLES, MFA_ROLES
from youthcities.accounts.services import user_complete_profile, user_set_roles


def seed_users():
    today = timezone.localdate()
    for email, display, legal, age, country, city, language, roles in content.USERS:
        if User.objects.filter(email=email).exists():
            continue
        user = User.objects.create_user(
            email=email,
            password=settings.DEMO_PASSWORD,
            display_name=display,
            is_staff=any(role in ADMIN_ROLES for role in roles),
        )
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        born = _birthday(today, age)
        user_complete_profile(
            user=user,
            display_name=display,
            legal_name=legal,
            date_of_birth=born,
            country=country,
            city=city,
            preferred_language=language,
            guardian_email=content.MINOR_GUARDIAN_EMAIL if age < 18 else "",
        )
        user_set_roles(user=user, roles=roles, actor=None)
    seed_demo_totp()


def seed_demo_totp():
    """Privileged demo users log in with a second factor, as real ones must."""
    mfa_emails = [row[0] for row in content.USERS if set(row[7]) & set(MFA_ROLES)]
    for user in User.objects.filter(email__in=mfa_emails):
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, content.DEMO_TOTP_SECRET)


def _birthday(today: datetime.date, age: int) -> datetime.date:
    """A birth date that makes someone `age` today, half a year past their birthday."""
    return (today - datetime.timedelta(days=183)).replace(year=today.year - age, day=1)
