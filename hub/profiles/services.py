"""A city profile's changes: its staff save a draft of a section; programme staff approve it
(the draft replaces the live text) or send it back. Each step audited."""

from django.db import transaction
from django.utils import timezone

from hub.errors import NotAllowed, NotCityStaff, NothingToApprove
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.accounts.selectors import has_role
from youthcities.audit.services import audit_record
from youthcities.network.cities.selectors import city_of_staff
from youthcities.network.themes import Theme

from .models import LANGUAGES, ProfileSection, SectionKind


def _codes(themes) -> str:
    codes = sorted(set(themes) & set(Theme.values))
    return "," + ",".join(codes) + "," if codes else ""


def can_edit_profile(user, city) -> bool:
    staff_city = city_of_staff(user)
    return staff_city is not None and staff_city.pk == city.pk


def profile_draft_save(
    *, user, city, kind: str, texts: dict, themes, members_only: bool = False
) -> ProfileSection:
    """The city's municipal staff write a section (and whether only members read it); it waits
    for programme staff's approval."""
    if not can_edit_profile(user, city):
        raise NotCityStaff()
    if kind not in SectionKind.values:
        raise NotAllowed()
    with transaction.atomic():
        section, _created = ProfileSection.objects.select_for_update().get_or_create(
            city=city, kind=kind
        )
        for code in LANGUAGES:
            setattr(section, f"draft_{code}", (texts.get(code) or "").strip())
        section.draft_themes = _codes(themes)
        section.draft_members_only = bool(members_only)
        section.draft_waiting = True
        section.draft_by = user
        section.draft_at = timezone.now()
        section.save()
        audit_record(
            actor=user,
            action="hub.profile_draft_saved",
            target=section,
            data={"city": city.pk, "kind": kind, "members_only": bool(members_only)},
        )
    return section


def profile_draft_decide(*, section, actor, approve: bool) -> ProfileSection:
    """Programme staff approve the draft (it goes live) or send it back (the live text stays)."""
    if not has_role(actor, PROGRAMME_STAFF):
        raise NotAllowed()
    with transaction.atomic():
        current = ProfileSection.objects.select_for_update().get(pk=section.pk)
        if not current.draft_waiting:
            raise NothingToApprove()
        if approve:
            for code in LANGUAGES:
                setattr(current, f"body_{code}", getattr(current, f"draft_{code}"))
            current.themes = current.draft_themes
            current.members_only = current.draft_members_only
            current.published_at = timezone.now()
        current.draft_waiting = False
        current.save()
        audit_record(
            actor=actor,
            action="hub.profile_approved" if approve else "hub.profile_sent_back",
            target=current,
            data={"city": current.city_id, "kind": current.kind},
        )
    return current
