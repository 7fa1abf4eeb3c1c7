"""The hub: one search across campaigns, resources, workshops and cities, each read through its
app's selectors."""

from dataclasses import dataclass, field

from django.db.models import Case, Q, Value, When
from wagtail.search.backends import get_search_backend

from campaigns.selectors import campaigns_listing
from youthcities.network.cities.selectors import cities_all
from youthcities.network.workshops.selectors import workshops_matching

from .models import Resource

PER_KIND = 12


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


def document_is_members_only(document_id: int) -> bool:
    """Whether a Wagtail document is the file of a members-only resource."""
    return Resource.objects.filter(document_id=document_id, members_only=True).exists()
