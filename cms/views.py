"""City pages and the hub: they combine what each app knows, through its selectors only."""

from django.shortcuts import get_object_or_404, render

from campaigns.selectors import campaigns_for_city, campaigns_serving
from grants.applications.selectors import funded_projects_in, funded_projects_serving
from youthcities.network.cities.models import City
from youthcities.network.cities.selectors import cities_all, city_of_staff
from youthcities.network.follows.selectors import followed_ids
from youthcities.network.workshops.selectors import city_overview, commitments_of

from .forms import HubSearchForm
from .selectors import hub_search, resources_matching


def city_list(request):
    return render(request, "cms/city_list.html", {"cities": cities_all()})


def city_detail(request, slug):
    city = get_object_or_404(City, slug=slug)
    overview = city_overview(city)
    return render(
        request,
        "cms/city_detail.html",
        {
            "overview": overview,
            "serving": campaigns_serving(
                commitment_ids=[c.pk for c in overview.commitments],
                language=request.LANGUAGE_CODE,
            ),
            "serving_projects": funded_projects_serving([c.pk for c in overview.commitments]),
            "funded": funded_projects_in(city.pk),
            "campaigns": campaigns_for_city(city=city, language=request.LANGUAGE_CODE),
            "speaks_for_city": _speaks_for(request, city),
            "following_city": city.pk in followed_ids(request.user, "city"),
            "followed_commitments": followed_ids(request.user, "commitment"),
        },
    )


def city_commitments(request, slug):
    """The public accountability page: every commitment, its progress and its history."""
    city = get_object_or_404(City, slug=slug)
    commitments = list(commitments_of(city))
    return render(
        request,
        "cms/city_commitments.html",
        {
            "city": city,
            "commitments": commitments,
            "serving": campaigns_serving(
                commitment_ids=[c.pk for c in commitments], language=request.LANGUAGE_CODE
            ),
            "serving_projects": funded_projects_serving([c.pk for c in commitments]),
            "speaks_for_city": _speaks_for(request, city),
            "followed_commitments": followed_ids(request.user, "commitment"),
        },
    )


def _speaks_for(request, city) -> bool:
    staff_city = city_of_staff(request.user)
    return staff_city is not None and staff_city.pk == city.pk


def hub(request):
    """One search across campaigns, resources, workshops and cities."""
    form = HubSearchForm(request.GET or None)
    filters = form.filters()
    searching = any((filters.query, filters.theme, filters.city, filters.region, filters.language))
    results = hub_search(filters, reader_language=request.LANGUAGE_CODE) if searching else None
    return render(
        request,
        "cms/hub.html",
        {
            "form": form,
            "results": results,
            "resources": None
            if searching
            else resources_matching(filters, reader_language=request.LANGUAGE_CODE),
        },
    )
