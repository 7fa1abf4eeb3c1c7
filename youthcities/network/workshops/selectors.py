"""What the workshop and city pages read. A city's page costs a fixed number of queries however
many workshops, recommendations and commitments it has."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from youthcities.dates import format_day
from youthcities.network.cities.models import City
from youthcities.network.workshops.models import (
    Answer,
    Commitment,
    ProgressUpdate,
    Recommendation,
    Registration,
    Workshop,
)


def workshops_listed(*, city: City | None = None) -> QuerySet[Workshop]:
    workshops = Workshop.objects.select_related("city").annotate(
        registered=Count(
            "registrations",
            filter=Q(
                registrations__status=Registration.Status.REGISTERED,
                registrations__role=Registration.Role.YOUTH,
            ),
        )
    )
    return workshops.filter(city=city) if city else workshops


def workshops_upcoming(*, city: City | None = None, today=None) -> QuerySet[Workshop]:
    today = today or timezone.localdate()
    return workshops_listed(city=city).filter(ends_on__gte=today).order_by("starts_on")


def registration_of(user, workshop: Workshop) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(workshop=workshop, user=user).first()


@dataclass
class CityOverview:
    city: City
    upcoming: list[Workshop]
    past: list[Workshop]
    recommendations: list[Recommendation]
    commitments: list[Commitment]


def city_overview(city: City, *, today=None) -> CityOverview:
    """Everything the network knows of a city, in five queries."""
    today = today or timezone.localdate()
    workshops = list(workshops_listed(city=city).order_by("starts_on"))
    recommendations = list(
        Recommendation.objects.filter(city=city)
        .select_related("answer", "workshop", "author")
        .order_by("-created_at")
    )
    commitments = list(commitments_of(city))
    return CityOverview(
        city=city,
        upcoming=[w for w in workshops if w.ends_on >= today],
        past=[w for w in workshops if w.ends_on < today][::-1],
        recommendations=recommendations,
        commitments=commitments,
    )


def commitments_of(city: City) -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(city=city)
        .select_related("recommendation__answer", "recommendation__workshop")
        .prefetch_related(
            Prefetch("updates", queryset=ProgressUpdate.objects.order_by("-posted_at", "-id"))
        )
    )


def workshops_calendar(workshops, *, title: str, base_url: str, language: str) -> bytes:
    """An iCalendar feed of the workshops: all-day events; the venue is never in it (only
    registered participants see it)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Young Cities//workshops//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    stamp = timezone.now()
    for workshop in workshops:
        event = Event()
        event.add("uid", f"workshop-{workshop.pk}@youngcities")
        event.add("dtstamp", stamp)
        event.add("summary", str(workshop.title))
        event.add("dtstart", workshop.starts_on)
        event.add("dtend", workshop.ends_on + datetime.timedelta(days=1))
        event.add("location", workshop.city.local_name)
        event.add("description", str(workshop.description))
        event.add("url", f"{base_url}/{language}/workshops/{workshop.slug}/")
        calendar.add_component(event)
    return calendar.to_ical()


def workshop_label(workshop: Workshop) -> str:
    """How a lab or workshop is named in a list of choices: its city, title and first day
    ("Zarqa: Youth Policy Workshop · 12 March 2026"), so two of the same name differ. Needs
    `city` selected with it."""
    return f"{workshop.city.local_name}: {workshop.title} · {format_day(workshop.starts_on)}"


def commitment_label(commitment: Commitment) -> str:
    """How a city commitment is named in a list of choices: its city, title and due date.
    Needs `recommendation__city` selected with it."""
    return _("%(city)s: %(title)s · due %(date)s") % {
        "city": commitment.recommendation.city.local_name,
        "title": commitment.recommendation.title,
        "date": format_day(commitment.due_on),
    }


def workshop_choices() -> list[tuple[str, str]]:
    """Labs and workshops to link a campaign to, as (id, label)."""
    return [(str(workshop.pk), workshop_label(workshop)) for workshop in workshops_all()]


def workshop_by_id(pk) -> Workshop | None:
    return Workshop.objects.select_related("city").filter(pk=pk).first()


def workshops_matching(*, query: str = "", city=None, region: str = "", theme: str = ""):
    """Workshops for the hub search: words in a title or description in any language, the city
    or region, and a theme its young participants recommended on."""
    workshops = Workshop.objects.select_related("city").order_by("-starts_on")
    if query:
        words = Q()
        for field in ("title_en", "title_fr", "title_ar", "description_en", "description_fr"):
            words |= Q(**{f"{field}__icontains": query})
        workshops = workshops.filter(words | Q(description_ar__icontains=query))
    if city is not None:
        workshops = workshops.filter(city=city)
    if region:
        workshops = workshops.filter(city__region=region)
    if theme:
        workshops = workshops.filter(recommendations__theme=theme).distinct()
    return workshops


def workshops_all() -> QuerySet[Workshop]:
    return Workshop.objects.select_related("city").order_by("-starts_on")


def commitments_all() -> QuerySet[Commitment]:
    return Commitment.objects.select_related("recommendation__city").order_by(
        "recommendation__city__name", "-pk"
    )


@dataclass
class WaitingForCity:
    recommendations: list[Recommendation]  # no answer yet, or "under consideration"
    commitments: list[Commitment]  # accepted and not yet done


def waiting_for_answer(city: City) -> WaitingForCity:
    """What the city's municipal staff owe the young people: recommendations without an
    answer (or still under consideration), oldest first, and commitments not yet delivered,
    soonest due first. Two queries."""
    considering = Answer.Decision.CONSIDERING
    recommendations = (
        Recommendation.objects.filter(city=city)
        .filter(Q(answer__isnull=True) | Q(answer__decision=considering))
        .select_related("workshop", "answer")
        .order_by("created_at", "pk")
    )
    commitments = (
        Commitment.objects.filter(city=city, progress__lt=100)
        .select_related("recommendation")
        .order_by("due_on", "pk")
    )
    return WaitingForCity(list(recommendations), list(commitments))


@dataclass(frozen=True)
class ProgrammeFigures:
    young_people: int
    commitments: int
    commitments_kept: int


def programme_figures() -> ProgrammeFigures:
    """How many young people took part in labs and workshops (each counted once), and how many
    of the cities' commitments were kept: two queries."""
    young_people = (
        Registration.objects.filter(
            status=Registration.Status.REGISTERED, role=Registration.Role.YOUTH
        )
        .values("user")
        .distinct()
        .count()
    )
    commitments = Commitment.objects.aggregate(
        total=Count("pk"), kept=Count("pk", filter=Q(progress=100))
    )
    return ProgrammeFigures(
        young_people=young_people,
        commitments=commitments["total"],
        commitments_kept=commitments["kept"],
    )


def commitments_delivered(*, limit: int = 3) -> list[Commitment]:
    """The commitments cities kept most recently, with their city and recommendation."""
    return list(
        Commitment.objects.filter(progress=100)
        .select_related("city", "recommendation")
        .annotate(delivered_at=Max("updates__posted_at"))
        .order_by(F("delivered_at").desc(nulls_last=True), "-id")[:limit]
    )
