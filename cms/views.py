"""City pages: they combine what each app knows of a city, through its selectors only."""

from django.shortcuts import get_object_or_404, render

from campaigns.selectors import campaigns_for_city
from grants.selectors import funded_projects_in
from youthcities.network.follows import followed_ids
from youthcities.network.models import City
from youthcities.network.selectors import cities_all
from youthcities.network.workshop_selectors import city_of_staff, city_overview, commitments_of


def city_list(request):
    return render(request, "cms/city_list.html", {"cities": cities_all()})


def city_detail(request, slug):
    city = get_object_or_404(City, slug=slug)
    return render(
        request,
        "cms/city_detail.html",
        {
            "overview": city_overview(city),
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
    return render(
        request,
        "cms/city_commitments.html",
        {
            "city": city,
            "commitments": list(commitments_of(city)),
            "speaks_for_city": _speaks_for(request, city),
            "followed_commitments": followed_ids(request.user, "commitment"),
        },
    )


def _speaks_for(request, city) -> bool:
    staff_city = city_of_staff(request.user)
    return staff_city is not None and staff_city.pk == city.pk
