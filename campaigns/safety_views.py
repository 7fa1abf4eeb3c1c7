"""The "Your safety" screen of a campaign: its authors hide their names or the city, or take it
down, at once; moderators restore the names or hide an author on all their campaigns."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import safety
from .models import CampaignPage
from .page_permissions import is_author
from .permissions import is_moderator
from .services import CampaignError

DONE = {
    "hide_authors": gettext_lazy(
        "Your names are hidden: the campaign now reads “Young Cities team”."
    ),
    "hide_city": gettext_lazy("The city is hidden on every public page of this campaign."),
    "take_down": gettext_lazy("The campaign is off the site. A safeguarding moderator was told."),
    "restore_authors": gettext_lazy("The authors' names are shown again."),
}


def hidden_everywhere(author, count: int) -> str:
    """What a moderator is told once an author's name is hidden on all their campaigns."""
    return ngettext(
        "%(name)s's name is hidden on %(count)d campaign.",
        "%(name)s's name is hidden on %(count)d campaigns.",
        count,
    ) % {"name": author.display_name, "count": count}


class CampaignSafetyView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "campaigns/admin/safety.html"
    page_title = gettext_lazy("Your safety")
    header_icon = "lock"

    @cached_property
    def campaign(self) -> CampaignPage:
        return get_object_or_404(CampaignPage, pk=self.kwargs["page_id"])

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        self.author = is_author(user, self.campaign)
        self.moderator = is_moderator(user)
        if not (self.author or self.moderator):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.campaign.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.campaign.pk]),
                "label": self.campaign.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.campaign
        authors = (
            get_user_model()
            .objects.filter(Q(pk=page.owner_id) | Q(campaigncoauthor__page=page))
            .distinct()
        )
        context.update(
            campaign=page,
            is_author=self.author,
            is_moderator=self.moderator,
            authors=authors if self.moderator else [],
        )
        return context

    def post(self, request, *args, **kwargs):
        page, user = self.campaign, request.user
        action = request.POST.get("action", "")
        try:
            if action == "hide_authors":
                safety.campaign_hide_authors(page=page, actor=user)
            elif action == "hide_city":
                safety.campaign_hide_city(page=page, actor=user)
            elif action == "take_down":
                safety.campaign_take_down(page=page, actor=user)
            elif action == "restore_authors":
                safety.campaign_restore_authors(page=page, actor=user)
            elif action == "hide_everywhere":
                author = get_object_or_404(get_user_model(), pk=request.POST.get("author"))
                count = safety.author_hide_everywhere(author=author, actor=user)
                messages.success(request, hidden_everywhere(author, count))
                return redirect(request.path)
            else:
                return redirect(request.path)
        except CampaignError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, DONE[action])
        return redirect(request.path)


urlpatterns = [
    path("campaigns/<int:page_id>/safety/", CampaignSafetyView.as_view(), name="safety"),
]
