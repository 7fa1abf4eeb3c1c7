from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet

from youthcities.network.cities.viewsets import CityStaffViewSet, CityViewSet, OrganisationViewSet
from youthcities.network.workshops import admin_views
from youthcities.network.workshops.viewsets import WorkshopViewSet


class NetworkViewSetGroup(ViewSetGroup):
    menu_label = _("Network")
    menu_icon = "site"
    items = (CityViewSet, OrganisationViewSet, CityStaffViewSet, WorkshopViewSet)


register_snippet(NetworkViewSetGroup)


@hooks.register("register_admin_urls")
def register_participants_url():
    return [path("", include((admin_views.urlpatterns, "network_admin")))]
