"""The staff screens of cities, organisations and the municipal staff of each city."""

from wagtail.snippets.views.snippets import SnippetViewSet

from youthcities.network.cities.models import City, CityStaff, Organisation


class CityViewSet(SnippetViewSet):
    model = City
    icon = "site"
    list_display = ["name", "name_fr", "name_ar", "country", "region"]
    list_filter = ["region"]
    search_fields = ["name", "name_fr", "name_ar"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "city"]
    list_filter = ["kind", "city"]
    search_fields = ["name"]


class CityStaffViewSet(SnippetViewSet):
    """Which city each municipal staff member answers for."""

    model = CityStaff
    icon = "user"
    list_display = ["user", "city"]
    list_filter = ["city"]
