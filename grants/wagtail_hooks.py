"""Grants in the Wagtail admin: only registrations (viewsets, URLs, menu items, CSS)."""

from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from grants import admin_urls
from grants.applications.models import Application
from grants.applications.viewsets import ApplicationViewSet
from grants.calls.models import GrantCall
from grants.calls.viewsets import GrantCallViewSet
from grants.dashboard import waiting_for
from grants.decisions.models import LetterTemplate
from grants.decisions.viewsets import LetterTemplateViewSet
from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF
from youthcities.admin_panels import waiting_add
from youthcities.admin_views import RoleMenuItem
from youthcities.permission_policies import RolePermissionPolicy

STAFF = (PROGRAMME_STAFF,)
# Registered before the viewsets are built. Calls are set up by staff and never deleted (their
# applications keep them); applications are read, filtered and exported, never edited here:
# their status moves only through the lifecycle services (submit, withdraw, decide).
register_permission_policy(
    GrantCall, RolePermissionPolicy(GrantCall, {"add": STAFF, "change": STAFF, "view": STAFF})
)
register_permission_policy(Application, RolePermissionPolicy(Application, {"view": STAFF}))
register_permission_policy(
    LetterTemplate,
    RolePermissionPolicy(
        LetterTemplate, {"add": STAFF, "change": STAFF, "delete": STAFF, "view": STAFF}
    ),
)


class GrantsViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Grants")
    menu_icon = "form"
    items = (GrantCallViewSet, ApplicationViewSet, LetterTemplateViewSet)


@hooks.register("register_admin_viewset")
def register_grants_viewsets():
    return GrantsViewSetGroup()


@hooks.register("register_admin_urls")
def register_grants_admin_urls():
    return admin_urls.urlpatterns


@hooks.register("register_admin_menu_item")
def awards_menu_item():
    return RoleMenuItem(
        gettext_lazy("Awards"),
        reverse_lazy("grants_award_admin:awards"),
        name="awards",
        icon_name="doc-full",
        order=310,
        roles=(PROGRAMME_STAFF, FINANCE),
    )


@hooks.register("register_admin_menu_item")
def conversations_menu_item():
    return RoleMenuItem(
        gettext_lazy("Conversations"),
        reverse_lazy("grants_conversations_admin:inbox"),
        name="conversations",
        icon_name="mail",
        order=305,
        roles=(PROGRAMME_STAFF, FINANCE),
    )


@hooks.register("register_admin_menu_item")
def finance_menu_item():
    return RoleMenuItem(
        gettext_lazy("Finance"),
        reverse_lazy("grants_award_admin:finance"),
        name="finance",
        icon_name="table",
        order=320,
        roles=(FINANCE,),
    )


@hooks.register("insert_global_admin_css")
def review_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("grants/admin.css"))


@hooks.register("construct_homepage_panels")
def grants_waiting_panel(request, panels):
    waiting_add(panels, waiting_for(request.user))
