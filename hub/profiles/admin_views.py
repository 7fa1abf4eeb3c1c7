"""Programme staff approve the drafts of city profiles (or send them back)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.errors import HubError
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.admin_views import RoleView

from . import services
from .models import ProfileSection
from .selectors import drafts_waiting


class ProfileDraftsView(RoleView):
    roles = (PROGRAMME_STAFF,)
    template_name = "hub/admin/profiles.html"
    page_title = gettext_lazy("City profiles to approve")
    header_icon = "site"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = drafts_waiting()
        return context

    def post(self, request, *args, **kwargs):
        section = get_object_or_404(ProfileSection, pk=request.POST.get("section"))
        decision = request.POST.get("decision")
        if decision not in ("approve", "send_back"):
            return redirect("hub_admin:profiles")
        try:
            services.profile_draft_decide(
                section=section, actor=request.user, approve=decision == "approve"
            )
        except HubError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Approved: it is live.") if decision == "approve" else _("Sent back.")
            )
        return redirect("hub_admin:profiles")
