"""Reads of introductions: a member's own city and organisation, the counterparts staff may
pick, each person's own requests, and a city's count of exchanges."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.text import Truncator

from grants.applications.selectors import funded_project
from hub.models import MembershipApplication
from hub.profiles.models import ProfileSection, SectionKind
from youthcities.accounts.models import User
from youthcities.accounts.roles import HUB_MEMBER, MUNICIPAL
from youthcities.accounts.selectors import users_with_role
from youthcities.network.cities.selectors import city_of_staff
from youthcities.network.workshops.selectors import workshop_by_id

from .models import CounterpartContact, Introduction


def _approved_application(user):
    return (
        MembershipApplication.objects.filter(
            user=user, status=MembershipApplication.Status.APPROVED
        )
        .select_related("city")
        .order_by("-decided_at")
        .first()
    )


def member_city(user):
    """The city a member works for: the one they speak for as municipal staff, else the one of
    their approved membership."""
    if not user.is_authenticated:
        return None
    city = city_of_staff(user)
    if city is not None:
        return city
    application = _approved_application(user)
    return application.city if application else None


def organisation_of(user) -> str:
    application = _approved_application(user)
    if application:
        return application.organisation
    city = city_of_staff(user)
    return str(city.name) if city else ""


def counterparts_in(city) -> QuerySet[User]:
    """Whom staff may introduce for a city: its municipal staff and its approved hub members."""
    municipal = users_with_role(MUNICIPAL).filter(city_staff__city=city)
    members = users_with_role(HUB_MEMBER).filter(
        hub_applications__city=city,
        hub_applications__status=MembershipApplication.Status.APPROVED,
    )
    return User.objects.filter(Q(pk__in=municipal) | Q(pk__in=members)).order_by("display_name")


def introductions_of(user) -> QuerySet[Introduction]:
    """The person's own: those they asked for and those they were offered."""
    return (
        Introduction.objects.filter(Q(requester=user) | Q(counterpart=user))
        .select_related("city", "requester_city")
        .order_by("-created_at")
    )


def introductions_for_staff() -> QuerySet[Introduction]:
    return Introduction.objects.select_related(
        "requester", "requester_city", "city", "counterpart"
    ).order_by("-created_at")


def exchanges_count(city) -> int:
    """Introductions made with the city, on either side: a count, never names."""
    return Introduction.objects.filter(
        Q(city=city) | Q(requester_city=city), status=Introduction.Status.INTRODUCED
    ).count()


def counterparts_by_city(city_ids) -> dict[int, list[User]]:
    """`counterparts_in` for many cities at once (the staff list): two queries, whatever the
    number of requests."""
    found: dict[int, dict[int, User]] = {pk: {} for pk in city_ids}
    for user in (
        users_with_role(MUNICIPAL)
        .filter(city_staff__city_id__in=found)
        .select_related("city_staff")
    ):
        found[user.city_staff.city_id][user.pk] = user
    approved = MembershipApplication.objects.filter(
        city_id__in=found,
        status=MembershipApplication.Status.APPROVED,
        user__groups__name=HUB_MEMBER,
        user__is_active=True,
    ).select_related("user")
    for application in approved:
        found[application.city_id][application.user_id] = application.user
    return {
        pk: sorted(people.values(), key=lambda user: user.display_name)
        for pk, people in found.items()
    }


@dataclass(frozen=True)
class Initiative:
    """Something a city does that a member can ask about: the initiatives section of its
    profile, a funded project or a lab or workshop."""

    kind: str  # Introduction.About
    pk: int
    title: str
    city_id: int


def initiative_of(kind: str, pk: int, *, language: str = "en") -> Initiative | None:
    """The initiative a "Put me in touch" names, or None when there is none such (a funded
    project not approved, a profile section not live or not an initiatives section)."""
    if kind == Introduction.About.PROJECT:
        project = funded_project(pk)
        if project is None or project["city_id"] is None:
            return None
        return Initiative(kind, pk, project["title"], project["city_id"])
    if kind == Introduction.About.WORKSHOP:
        workshop = workshop_by_id(pk)
        if workshop is None:
            return None
        return Initiative(
            kind, pk, str(getattr(workshop, "title", "") or workshop), workshop.city_id
        )
    if kind == Introduction.About.PROFILE:
        section = ProfileSection.objects.filter(pk=pk, kind=SectionKind.INITIATIVES).first()
        if section is None or not section.live:
            return None
        text, _code = section.text_in(language)
        first_line = text.strip().splitlines()[0] if text.strip() else ""
        return Initiative(kind, pk, Truncator(first_line).chars(120), section.city_id)
    return None


def contacts_of(city) -> QuerySet[CounterpartContact]:
    """The city's opted-in contacts still able to be counterparts: for members' eyes (display
    name and role, never an email)."""
    return (
        CounterpartContact.objects.filter(city=city, user__in=counterparts_in(city))
        .select_related("user")
        .order_by("opted_in_at")
    )


def contact_of(user) -> CounterpartContact | None:
    if not user.is_authenticated:
        return None
    return CounterpartContact.objects.filter(user=user).select_related("city").first()
