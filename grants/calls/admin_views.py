"""The base of programme staff's screens about one call (ranking, assignments, decisions)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from grants.calls.models import GrantCall
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.admin_views import RoleView


class CallStaffView(RoleView):
    roles = (PROGRAMME_STAFF,)
    header_icon = "form"

    @cached_property
    def call(self) -> GrantCall:
        return get_object_or_404(GrantCall, pk=self.kwargs["call_id"])

    def get_page_subtitle(self):
        return self.call.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("grants_calls:index"), "label": _("Calls")},
            {"url": reverse("grants_calls:edit", args=[self.call.pk]), "label": self.call.title},
            {"url": "", "label": self.get_page_title()},
        ]
