"""Programme staff's list of introductions: every request and its state; for a request just
asked, pick the counterpart among the city's municipal staff and members."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.errors import HubError
from youthcities.accounts.models import User
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.admin_views import RoleView

from . import services
from .models import Introduction
from .selectors import counterparts_by_city, introductions_for_staff


class IntroductionsView(RoleView):
    roles = (PROGRAMME_STAFF,)
    template_name = "hub/admin/introductions.html"
    page_title = gettext_lazy("Introductions")
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        introductions = list(introductions_for_staff()[:200])
        candidates = counterparts_by_city(
            {i.city_id for i in introductions if i.status == Introduction.Status.ASKED}
        )
        context["rows"] = [(i, candidates.get(i.city_id, [])) for i in introductions]
        return context

    def post(self, request, *args, **kwargs):
        introduction = get_object_or_404(Introduction, pk=request.POST.get("introduction"))
        counterpart = User.objects.filter(pk=request.POST.get("counterpart") or 0).first()
        if counterpart is None:
            messages.error(request, _("Pick the counterpart."))
            return redirect("hub_admin:introductions")
        try:
            services.introduction_offer(
                introduction=introduction, actor=request.user, counterpart=counterpart
            )
        except HubError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Offered: the counterpart is asked by email."))
        return redirect("hub_admin:introductions")
