from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.admin_views import RoleMenuItem
from youthcities.privacy import admin_views


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [path("", include((admin_views.urlpatterns, "privacy_admin")))]


@hooks.register("register_admin_menu_item")
def register_privacy_menu_item():
    return RoleMenuItem(
        _("Personal data requests"),
        reverse("privacy_admin:people"),
        icon_name="user",
        order=9000,
        roles=(PROGRAMME_STAFF,),
    )
