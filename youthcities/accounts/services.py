import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from youthcities.audit.services import audit_record
from youthcities.errors import ServiceError
from youthcities.notify import notify
from youthcities.ratelimit import rate_consume

from .consent_ages import MINIMUM_AGE
from .models import GuardianConsent, Language, User, age_on
from .roles import ADMIN_ROLES, ALL_ROLES, APPLICANT
from .selectors import needs_guardian_consent, same_mailbox
from .signals import guardian_consent_withdrawn
from .tasks import send_email

GUARDIAN_SALT = "youthcities.accounts.guardian-consent"
WITHDRAW_SALT = "youthcities.accounts.guardian-withdraw"
GUARDIAN_RESENDS_PER_HOUR = 3


class AccountError(ServiceError):
    """Base of the errors account services raise; views turn each into a clear message."""


class TooYoung(AccountError):
    pass


class GuardianEmailIsOwn(AccountError):
    """The guardian's email reaches the young person's own mailbox."""


class TooManyResends(AccountError):
    pass


class GuardianLinkInvalid(AccountError):
    pass


class GuardianLinkExpired(AccountError):
    def __init__(self, consent: GuardianConsent):
        super().__init__("expired")
        self.consent = consent


class GuardianLinkUsed(AccountError):
    def __init__(self, consent: GuardianConsent):
        super().__init__("used")
        self.consent = consent


def user_complete_profile(
    *,
    user: User,
    display_name: str,
    legal_name: str,
    date_of_birth: datetime.date,
    country: str,
    city: str,
    preferred_language: str,
    guardian_email: str = "",
) -> User:
    """Fill in a new account's profile; ask the guardian when the person is below the age of
    digital consent of their country."""
    age = age_on(date_of_birth, timezone.localdate())
    if age < MINIMUM_AGE:
        raise TooYoung()
    with transaction.atomic():
        user.display_name = display_name
        user.legal_name = legal_name
        user.date_of_birth = date_of_birth
        user.country = country.upper()
        user.city = city
        user.preferred_language = preferred_language
        user.save()
        user.groups.add(Group.objects.get_or_create(name=APPLICANT)[0])
        audit_record(actor=user, action="account.profile_completed", target=user)
        if needs_guardian_consent(age=age, country=user.country):
            guardian_consent_request(user=user, guardian_email=guardian_email)
    return user


def user_update_profile(
    *, user: User, display_name: str, city: str, preferred_language: str
) -> list[str]:
    """A person changes what they may change about themselves; returns the fields that changed
    (the audit entry names them, not their values: the old city is nobody's business)."""
    new = {"display_name": display_name, "city": city, "preferred_language": preferred_language}
    changed = [field for field, value in new.items() if getattr(user, field) != value]
    if not changed:
        return []
    with transaction.atomic():
        for field in changed:
            setattr(user, field, new[field])
        user.save(update_fields=changed)
        audit_record(
            actor=user, action="account.profile_updated", target=user, data={"fields": changed}
        )
    return changed


def guardian_consent_request(*, user: User, guardian_email: str) -> GuardianConsent:
    """Create or renew the guardian's consent request and email them a fresh link. A new link
    makes every earlier one invalid. The guardian's mailbox is never the young person's own."""
    if same_mailbox(user.email, guardian_email):
        raise GuardianEmailIsOwn()
    with transaction.atomic():
        consent, _created = GuardianConsent.objects.select_for_update().get_or_create(
            user=user, defaults={"guardian_email": guardian_email, "link_nonce": ""}
        )
        if consent.is_confirmed:
            return consent
        consent.guardian_email = guardian_email or consent.guardian_email
        consent.link_nonce = secrets.token_hex(16)
        consent.last_sent_at = timezone.now()
        consent.save()
        audit_record(
            actor=user,
            action="account.guardian_consent_requested",
            target=consent,
            data={"guardian_email": consent.guardian_email},
        )
        token = signing.dumps({"c": consent.pk, "n": consent.link_nonce}, salt=GUARDIAN_SALT)
        # The guardian reads the email in the young person's language.
        with translation.override(user.preferred_language):
            path = reverse("accounts:guardian_confirm", kwargs={"token": token})
            context = {
                "young_person": user.display_name,
                "link": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
                "days": settings.GUARDIAN_LINK_MAX_AGE_DAYS,
            }
            subject = render_to_string("accounts/email/guardian_subject.txt", context).strip()
            body = render_to_string("accounts/email/guardian_message.txt", context)
        transaction.on_commit(
            lambda: send_email.enqueue(subject=subject, body=body, to=[consent.guardian_email])
        )
    return consent


def guardian_consent_resend(*, user: User, guardian_email: str) -> GuardianConsent:
    """The young person asks for the link again: at most GUARDIAN_RESENDS_PER_HOUR times an
    hour, so the portal cannot be made to flood a mailbox."""
    if same_mailbox(user.email, guardian_email):
        raise GuardianEmailIsOwn()
    if not rate_consume(scope="guardian-resend", key=user.pk, limit=GUARDIAN_RESENDS_PER_HOUR):
        raise TooManyResends()
    return guardian_consent_request(user=user, guardian_email=guardian_email)


def guardian_consent_from_token(token: str) -> GuardianConsent:
    """The consent a guardian's link points at, or the reason the link cannot be used."""
    max_age = datetime.timedelta(days=settings.GUARDIAN_LINK_MAX_AGE_DAYS)
    try:
        payload = signing.loads(token, salt=GUARDIAN_SALT, max_age=max_age)
    except signing.SignatureExpired:
        payload = signing.loads(token, salt=GUARDIAN_SALT)  # genuine, only too old
        consent = GuardianConsent.objects.filter(pk=payload["c"]).first()
        if consent is None:
            raise GuardianLinkInvalid() from None
        if consent.is_confirmed:
            raise GuardianLinkUsed(consent) from None
        raise GuardianLinkExpired(consent) from None
    except signing.BadSignature:
        raise GuardianLinkInvalid() from None
    consent = GuardianConsent.objects.select_related("user").filter(pk=payload["c"]).first()
    if consent is None:
        raise GuardianLinkInvalid()
    if consent.is_confirmed:
        raise GuardianLinkUsed(consent)
    if consent.link_nonce != payload["n"]:
        # A newer link was sent; this one was replaced.
        raise GuardianLinkExpired(consent)
    return consent


def guardian_consent_confirm(
    *, token: str, guardian_name: str, language: str = ""
) -> GuardianConsent:
    """Record that the guardian agreed: who, when, and in which language they read the page
    (later emails to them use it). The link works once."""
    with transaction.atomic():
        consent = guardian_consent_from_token(token)
        consent = GuardianConsent.objects.select_for_update().get(pk=consent.pk)
        if consent.is_confirmed:
            raise GuardianLinkUsed(consent)
        consent.confirmed_at = timezone.now()
        consent.confirmed_by_name = guardian_name.strip()
        consent.language = language if language in dict(Language.choices) else ""
        consent.link_nonce = ""
        consent.withdrawn_at = None
        consent.save()
        audit_record(
            actor=None,
            action="account.guardian_consent_confirmed",
            target=consent,
            data={"guardian_name": consent.confirmed_by_name, "email": consent.guardian_email},
        )
        _send_consent_copy(consent)
    return consent


def guardian_withdraw_token(consent: GuardianConsent) -> str:
    """The link in the guardian's copy: valid for this consent as given, until withdrawn."""
    return signing.dumps(
        {"c": consent.pk, "t": consent.confirmed_at.isoformat()}, salt=WITHDRAW_SALT
    )


def _send_consent_copy(consent: GuardianConsent) -> None:
    """The guardian keeps a copy of what they agreed to, with the link to withdraw, in the
    language they read the consent page in."""
    user = consent.user
    with translation.override(consent.guardian_language):
        path = reverse(
            "accounts:guardian_withdraw", kwargs={"token": guardian_withdraw_token(consent)}
        )
        context = {
            "young_person": user.display_name,
            "guardian_name": consent.confirmed_by_name,
            "confirmed_at": consent.confirmed_at,
            "link": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
        }
        subject = render_to_string("accounts/email/guardian_copy_subject.txt", context).strip()
        body = render_to_string("accounts/email/guardian_copy_message.txt", context)
    to = consent.guardian_email
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[to]))


def guardian_notify(*, user: User, template: str, context: dict) -> bool:
    """Email the guardian of a young person who is still below their country's age of consent
    and whose guardian confirmed, in the guardian's language (or the young person's). True when
    an email goes. `template` names <template>_subject.txt and <template>_message.txt; the
    floors above pass only what the guardian needs to know."""
    if user.age is None or not needs_guardian_consent(age=user.age, country=user.country):
        return False
    consent = GuardianConsent.objects.filter(user=user, confirmed_at__isnull=False).first()
    if consent is None:
        return False
    with translation.override(consent.guardian_language):
        full = {**context, "young_person": user.display_name}
        subject = render_to_string(f"{template}_subject.txt", full).strip()
        body = render_to_string(f"{template}_message.txt", full)
    to = consent.guardian_email
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[to]))
    return True


def guardian_consent_from_withdraw_token(token: str) -> GuardianConsent:
    try:
        payload = signing.loads(token, salt=WITHDRAW_SALT)
    except signing.BadSignature:
        raise GuardianLinkInvalid() from None
    consent = GuardianConsent.objects.select_related("user").filter(pk=payload["c"]).first()
    if consent is None or consent.confirmed_at is None:
        raise GuardianLinkInvalid()
    if consent.confirmed_at.isoformat() != payload["t"]:
        raise GuardianLinkInvalid()  # a consent given again has its own link
    return consent


def guardian_consent_withdraw(*, token: str) -> GuardianConsent:
    """The guardian withdraws: the account is blocked again, the young person is told, and the
    floors above react (grants withdraws applications under review and tells staff)."""
    with transaction.atomic():
        consent = guardian_consent_from_withdraw_token(token)
        consent = GuardianConsent.objects.select_for_update().get(pk=consent.pk)
        if consent.confirmed_at is None:
            raise GuardianLinkInvalid()
        consent.confirmed_at = None
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["confirmed_at", "withdrawn_at"])
        audit_record(actor=None, action="account.guardian_consent_withdrawn", target=consent)
        guardian_consent_withdrawn.send(sender=GuardianConsent, user=consent.user, consent=consent)
        notify(
            [consent.user], "accounts/email/guardian_withdrawn", {}, link=("accounts:dashboard", [])
        )
    return consent


def user_set_roles(*, user: User, roles: list[str], actor: User | None) -> None:
    """Give a person exactly these roles (groups)."""
    unknown = set(roles) - set(ALL_ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    with transaction.atomic():
        groups = [Group.objects.get_or_create(name=role)[0] for role in roles]
        user.groups.set(groups)
        audit_record(actor=actor, action="account.roles_set", target=user, data={"roles": roles})


def roles_ensure_groups() -> None:
    """Create the role groups; roles that work in the Wagtail admin may open it."""
    from django.contrib.auth.models import Permission

    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for role in ALL_ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        if access_admin and role in ADMIN_ROLES:
            group.permissions.add(access_admin)
