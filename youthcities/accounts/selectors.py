import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .consent_ages import MINIMUM_AGE, consent_age_for
from .models import GuardianConsent


@dataclass(frozen=True)
class Participation:
    """Whether a person may take part (apply, publish, register), and if not, why."""

    allowed: bool
    code: str = "ok"
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def fixed_on_account_page(self) -> bool:
        """A birth date to add, a guardian's email to give or their link to send again."""
        return self.code in {
            "no_birth_date",
            "guardian_consent_missing",
            "guardian_consent_pending",
        }


GMAIL = {"gmail.com", "googlemail.com"}


def mailbox_key(email: str) -> str:
    """An email address reduced to the mailbox it reaches: Unicode compatibility forms folded
    (full-width letters), case folded, a +tag and the domain's final dot dropped, and Gmail's
    ignored dots removed."""
    email = unicodedata.normalize("NFKC", email or "").strip().casefold()
    local, _at, domain = email.rpartition("@")
    domain = domain.rstrip(".")
    if domain == "googlemail.com":
        domain = "gmail.com"
    local = local.split("+", 1)[0]
    if domain in GMAIL:
        local = local.replace(".", "")
    return f"{local}@{domain}"


def same_mailbox(first: str, second: str) -> bool:
    return bool(first and second) and mailbox_key(first) == mailbox_key(second)


def needs_guardian_consent(*, age: int, country: str) -> bool:
    return age < consent_age_for(country)


def can_participate(
    user, *, min_age: int | None = None, max_age: int | None = None
) -> Participation:
    """The one answer to "may this person take part?". Every feature that lets someone apply,
    publish or register asks it. `min_age`/`max_age` narrow it to an activity's age range."""
    if not user.is_authenticated:
        return Participation(False, "anonymous", _("Please log in first."))
    if not user.is_active:
        return Participation(False, "inactive", _("This account is not active."))
    age = user.age
    if age is None:
        return Participation(
            False, "no_birth_date", _("Add your date of birth to your profile first.")
        )
    if age < MINIMUM_AGE:
        return Participation(
            False, "too_young", _("You must be %(age)d or older.") % {"age": MINIMUM_AGE}
        )
    if needs_guardian_consent(age=age, country=user.country):
        consent = GuardianConsent.objects.filter(user=user).first()
        if consent is None:
            return Participation(
                False,
                "guardian_consent_missing",
                _(
                    "At your age a parent or guardian must agree. "
                    "Add their email on your account page."
                ),
            )
        if not consent.is_confirmed and consent.withdrawn_at:
            return Participation(
                False,
                "guardian_consent_pending",  # the same way back: a new link to the guardian
                _(
                    "Your parent or guardian withdrew their consent. Talk with them; if they "
                    "agree again, send them a new link from your account page."
                ),
            )
        if not consent.is_confirmed:
            return Participation(
                False,
                "guardian_consent_pending",
                _(
                    "Your parent or guardian has not yet confirmed their consent. We sent them an "
                    "email; you can send it again from your account page."
                ),
            )
    if min_age is not None and age < min_age:
        return Participation(
            False,
            "below_age_range",
            _("This is open to people aged %(age)d and over.") % {"age": min_age},
        )
    if max_age is not None and age > max_age:
        return Participation(
            False,
            "above_age_range",
            _("This is open to people aged up to %(age)d.") % {"age": max_age},
        )
    return Participation(True)


def has_role(user, role: str) -> bool:
    """Whether a signed-in person holds a role (a group). Superusers hold every role."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    from .backends import roles_and_permissions

    return role in roles_and_permissions(user)[0]


def users_with_role(role: str):
    from .models import User

    return User.objects.filter(groups__name=role, is_active=True)


def needs_mfa(user) -> bool:
    """Whether this person must have a second factor: a privileged role, or a superuser."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    from .backends import roles_and_permissions
    from .roles import MFA_ROLES

    return bool(roles_and_permissions(user)[0] & set(MFA_ROLES))


def has_mfa(user) -> bool:
    """Whether the person has enrolled an authenticator app or a passkey (recovery codes alone
    are a fallback, not a factor)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def verified_emails_of(user):
    """The addresses this person proved they own (allauth's verified addresses), in lower case,
    as a subquery. Access that rests on an email address (an invitation) rests on one of these:
    anyone can sign up with an address, only its owner can confirm it."""
    from allauth.account.models import EmailAddress
    from django.db.models.functions import Lower

    if not user.is_authenticated:
        return EmailAddress.objects.none().values("email")
    return (
        EmailAddress.objects.filter(user_id=user.pk, verified=True)
        .annotate(address=Lower("email"))
        .values("address")
    )
