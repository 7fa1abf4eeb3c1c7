import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from youthcities.accounts.models import GuardianConsent, User

PASSWORD = "a-long-test-passphrase"
# Every test user with a role that needs MFA has enrolled this authenticator-app secret.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = TOTP_SECRET, *, step: int = 0) -> str:
    """The code an authenticator app shows now (or `step` periods away)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def enrol_totp(user, secret: str = TOTP_SECRET) -> None:
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)


def born_years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    return (today - datetime.timedelta(days=183)).replace(year=today.year - years, day=1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    legal_name = factory.Faker("name")
    date_of_birth = factory.LazyFunction(lambda: born_years_ago(25))
    country = "LB"
    city = "Saida"
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)
            if self.is_superuser:
                enrol_totp(self)  # superusers need a second factor, as privileged roles do

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            from youthcities.accounts.roles import MFA_ROLES
            from youthcities.accounts.services import user_set_roles

            user_set_roles(user=self, roles=list(extracted), actor=None)
            if set(extracted) & set(MFA_ROLES):
                enrol_totp(self)


class GuardianConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuardianConsent

    user = factory.SubFactory(
        UserFactory, date_of_birth=factory.LazyFunction(lambda: born_years_ago(14))
    )
    guardian_email = "guardian@example.org"
    link_nonce = factory.Faker("hexify", text="^" * 32)
