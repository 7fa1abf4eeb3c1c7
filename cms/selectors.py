"""The hub: one search across campaigns, resources, workshops and cities; the home page's view of
the whole programme. Each app is read through its selectors."""

from dataclasses import dataclass, field

from django.db.models import Case, Q, Value, When
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from campaigns.selectors import campaigns_listing
from grants.applications.selectors import applications_submitted_count
from grants.awards.selectors import awards_count
from grants.calls.selectors import calls_open
from youthcities.network.cities.selectors import cities_all
from youthcities.network.workshops.selectors import (
    ProgrammeFigures,
    commitments_delivered,
    programme_figures,
    workshops_matching,
    workshops_upcoming,
)

from .models import Resource

PER_KIND = 12
HOME_CAMPAIGNS = 3
HOME_WORKSHOPS = 3
HOME_DELIVERED = 3


@dataclass(frozen=True)
class HubFilters:
    query: str = ""
    theme: str = ""
    city: object = None
    region: str = ""
    language: str = ""


@dataclass
class HubResults:
    campaigns: list = field(default_factory=list)
    resources: list = field(default_factory=list)
    workshops: list = field(default_factory=list)
    cities: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.campaigns) + len(self.resources) + len(self.workshops) + len(self.cities)


def resources_matching(filters: HubFilters, *, reader_language: str = "") -> list[Resource]:
    """Resources matching the filters: those in the reader's language first, newest first."""
    resources = Resource.objects.select_related("document", "city").order_by(
        Case(When(language=reader_language, then=Value(0)), default=Value(1)),
        "-published_on",
        "title",
    )
    if filters.theme:
        resources = resources.filter(theme=filters.theme)
    if filters.city is not None:
        resources = resources.filter(city=filters.city)
    if filters.region:
        resources = resources.filter(Q(region=filters.region) | Q(city__region=filters.region))
    if filters.language:
        resources = resources.filter(language=filters.language)
    if filters.query:
        # Wagtail search (PostgreSQL full text on PostgreSQL) finds; the database filters.
        found = get_search_backend().search(filters.query, Resource.objects.all())
        resources = resources.filter(pk__in=[hit.pk for hit in found])
    return list(resources[:PER_KIND])


def hub_search(filters: HubFilters, *, reader_language: str) -> HubResults:
    campaigns = campaigns_listing(
        language=reader_language,
        city=filters.city,
        region=filters.region,
        theme=filters.theme,
        written_in=filters.language,
        query=filters.query,
    )
    cities = cities_all()
    if filters.query:
        cities = cities.filter(name__icontains=filters.query)
    if filters.region:
        cities = cities.filter(region=filters.region)
    if filters.city is not None:
        cities = cities.filter(pk=filters.city.pk)
    workshops = workshops_matching(
        query=filters.query, city=filters.city, region=filters.region, theme=filters.theme
    )
    # Workshops and cities are shown in every language; a city has no theme of its own.
    return HubResults(
        campaigns=list(campaigns[:PER_KIND]),
        resources=resources_matching(filters, reader_language=reader_language),
        workshops=list(workshops[:PER_KIND]),
        cities=list(cities[:PER_KIND]) if not filters.theme else [],
    )


@dataclass(frozen=True)
class HomePortal:
    """What the home page shows of the whole programme."""

    now: object
    open_calls: list
    campaigns: list
    workshops: list
    delivered: list
    applications: int
    grants: int
    figures: ProgrammeFigures


def home_portal(*, language: str, now=None) -> HomePortal:
    """The open calls, featured campaigns (the reader's language first), upcoming workshops,
    the commitments kept last, and the programme's figures: a fixed number of queries, however
    much the programme holds."""
    now = now or timezone.now()
    return HomePortal(
        now=now,
        open_calls=calls_open(now),
        campaigns=list(campaigns_listing(language=language)[:HOME_CAMPAIGNS]),
        workshops=list(workshops_upcoming(today=timezone.localdate(now))[:HOME_WORKSHOPS]),
        delivered=commitments_delivered(limit=HOME_DELIVERED),
        applications=applications_submitted_count(),
        grants=awards_count(),
        figures=programme_figures(),
    )
