"""The ground floor's kinds of data: the profile, the guardian's consent and the audit entries
about the person. Apps above register theirs from their own AppConfig.ready."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from youthcities.audit.models import AuditEntry
from youthcities.privacy.registry import DataKind, Erasure, register
from youthcities.privacy.scrub import scrub


def _iso(value):
    return value.isoformat() if value else None


def _profile(user) -> list[dict]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from youthcities.accounts.roles import ROLE_LABELS

    return [
        {
            "email": user.email,
            "display_name": user.display_name,
            "legal_name": user.legal_name,
            "date_of_birth": _iso(user.date_of_birth),
            "country": user.country,
            "city": user.city,
            "preferred_language": user.preferred_language,
            "joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "roles": [str(ROLE_LABELS[g.name]) for g in user.groups.all() if g.name in ROLE_LABELS],
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
            "second_factors": [
                a.get_type_display() for a in Authenticator.objects.filter(user=user)
            ],
        }
    ]


def _guardian(user) -> list[dict]:
    from youthcities.accounts.models import GuardianConsent

    return [
        {
            "guardian_email": c.guardian_email,
            "first_requested": _iso(c.requested_at),
            "link_last_sent": _iso(c.last_sent_at),
            "confirmed": _iso(c.confirmed_at),
            "confirmed_by": c.confirmed_by_name,
        }
        for c in GuardianConsent.objects.filter(user=user)
    ]


def _guardian_erase(erasure: Erasure) -> dict:
    from youthcities.accounts.models import GuardianConsent

    deleted, _rows = GuardianConsent.objects.filter(user=erasure.user).delete()
    return {"deleted": deleted}


def audit_about(user):
    return AuditEntry.objects.filter(
        Q(actor=user) | Q(target_type="accounts.user", target_id=str(user.pk))
    )


def _audit(user) -> list[dict]:
    """What was done by the person (with its details) and to their account (only the action and
    when: never who on the staff did it)."""
    return [
        {
            "when": _iso(entry.created_at),
            "action": entry.action,
            "object": entry.target_type,
            "by_you": entry.actor_id == user.pk,
            "details": entry.data if entry.actor_id == user.pk else {},
        }
        for entry in audit_about(user).order_by("created_at", "id")
    ]


def _audit_erase(erasure: Erasure) -> dict:
    """The trail keeps what happened, not who: the person goes from every entry they made, and
    their identifying values from every entry's details."""
    changed = 0
    for entry in AuditEntry.objects.filter(actor=erasure.user).iterator():
        entry.actor = None
        entry.data = scrub(entry.data, erasure.values)
        entry.save(update_fields=["actor", "data"])
        changed += 1
    for entry in audit_about(erasure.user).exclude(actor=None):
        cleaned = scrub(entry.data, erasure.values)
        if cleaned != entry.data:
            AuditEntry.objects.filter(pk=entry.pk).update(data=cleaned)
            changed += 1
    return {"pseudonymised": changed}


def register_ground_floor() -> None:
    register(
        DataKind(
            key="profile",
            label=_("Profile"),
            description=_("Your email, names, date of birth, city, language and roles."),
            order=0,
            count=lambda user: 1,
            export=_profile,
            goes=_("Your profile, sign-in addresses and second factors."),
        )
    )
    register(
        DataKind(
            key="guardian_consent",
            label=_("Guardian consent"),
            description=_("Your parent's or guardian's email and when they agreed."),
            order=1,
            count=lambda user: _count_guardian(user),
            export=_guardian,
            goes=_("Your guardian's consent and their email."),
            erase=_guardian_erase,
        )
    )
    register(
        DataKind(
            key="audit_entries",
            label=_("Audit entries about you"),
            description=_("What you did on the portal, and what was done to your account."),
            order=90,
            count=lambda user: audit_about(user).count(),
            export=_audit,
            stays=_("The audit trail keeps what happened, without your name."),
            erase=_audit_erase,
        )
    )


def _count_guardian(user) -> int:
    from youthcities.accounts.models import GuardianConsent

    return GuardianConsent.objects.filter(user=user).count()
