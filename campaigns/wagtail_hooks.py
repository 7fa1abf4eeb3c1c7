from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from youthcities.accounts.roles import MODERATOR
from youthcities.accounts.selectors import can_participate
from youthcities.admin_views import RoleMenuItem

from . import admin_views
from .models import CampaignIndexPage, CampaignPage
from .page_permissions import is_author
from .permissions import CampaignAwarePagePermissionPolicy, campaigns_hidden_from, is_moderator
from .setup import campaign_index_prepare

# First, before anything asks for the pages' policy: activists explore their own campaigns only.
register_permission_policy(Page, CampaignAwarePagePermissionPolicy(Page))


@hooks.register("construct_explorer_page_queryset")
def explorer_without_hidden_campaigns(parent_page, pages, request):
    return pages.exclude(pk__in=campaigns_hidden_from(request.user))


@hooks.register("construct_page_chooser_queryset")
def chooser_without_hidden_campaigns(pages, request):
    return pages.exclude(pk__in=campaigns_hidden_from(request.user))


@hooks.register("register_admin_urls")
def register_campaign_admin_urls():
    return [path("", include((admin_views.urlpatterns, "campaigns_admin")))]


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return RoleMenuItem(
        gettext_lazy("Reported campaigns"),
        reverse("campaigns_admin:reports"),
        name="reported-campaigns",
        icon_name="warning",
        order=250,
        roles=(MODERATOR,),
    )


class SupportersButton(PageMenuItem):
    label = gettext_lazy("Export supporters")
    icon_name = "download"
    priority = 70

    @property
    def url(self):
        return reverse("campaigns_admin:supporters", args=[self.page.pk])

    def is_shown(self, user):
        return isinstance(self.page.specific_deferred, CampaignPage) and is_author(user, self.page)


class SafetyButton(PageMenuItem):
    label = gettext_lazy("Your safety: hide names, take down")
    icon_name = "lock"
    priority = 60

    @property
    def url(self):
        return reverse("campaigns_admin:safety", args=[self.page.pk])

    def is_shown(self, user):
        return isinstance(self.page.specific_deferred, CampaignPage) and (
            is_author(user, self.page) or is_moderator(user)
        )


@hooks.register("register_page_header_buttons")
def campaign_header_buttons(page, user, view_name, next_url=None):
    yield SafetyButton(page=page)
    yield SupportersButton(page=page)


def _keep_as_draft_unless_allowed(request, page):
    """A young person whose guardian has not consented keeps their work as a draft: the request
    to send it for review is dropped, with the reason, and nothing they wrote is lost."""
    if request.method != "POST" or "action-submit" not in request.POST:
        return
    allowed = can_participate(request.user)
    if allowed:
        return
    request.POST = request.POST.copy()
    del request.POST["action-submit"]
    messages.warning(
        request,
        _("Your campaign is saved as a draft but cannot go to review yet. %(reason)s")
        % {"reason": allowed.reason},
    )


@hooks.register("before_create_page")
def before_create_campaign(request, parent_page, page_class):
    if issubclass(page_class, CampaignPage):
        _keep_as_draft_unless_allowed(request, parent_page)


@hooks.register("before_edit_page")
def before_edit_campaign(request, page):
    if isinstance(page.specific_deferred, CampaignPage):
        _keep_as_draft_unless_allowed(request, page)


@hooks.register("after_create_page")
def prepare_new_campaign_index(request, page):
    if isinstance(page.specific_deferred, CampaignIndexPage):
        campaign_index_prepare(page.specific)
