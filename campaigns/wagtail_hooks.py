from django.contrib import messages
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import WorkflowMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from youthcities.accounts.roles import ACTIVIST, MODERATOR
from youthcities.accounts.selectors import can_participate, has_role
from youthcities.admin_panels import waiting_add
from youthcities.admin_views import RoleMenuItem

from . import admin_views
from .admin_panels import NewCampaignPanel
from .models import CampaignIndexPage, CampaignPage
from .page_permissions import is_author
from .permissions import CampaignAwarePagePermissionPolicy, campaigns_hidden_from, is_moderator
from .selectors import changes_requested, moderation_waiting
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
        if request.method == "GET":
            _show_the_moderators_comment(request, page)


def _show_the_moderators_comment(request, page):
    """An author who opens a campaign sent back for changes reads why, above the editor."""
    asked = changes_requested(page)
    if asked is None:
        return
    if asked.comment:
        messages.warning(
            request,
            _("%(name)s asked for changes: “%(comment)s”")
            % {"name": asked.finished_by.display_name if asked.finished_by else _("The moderator"),
               "comment": asked.comment},
        )  # fmt: skip
    else:
        messages.warning(request, _("The moderator asked for changes."))


@hooks.register("construct_page_action_menu")
def review_actions_first(menu_items, request, context):
    """On a campaign in review, the moderator's obvious actions come first: "Approve and
    publish" is the main button and "Request changes" the first in its menu, before "Save
    draft" (Wagtail sorts them after it)."""
    page = context.get("page")
    if page is None or not isinstance(page.specific_deferred, CampaignPage):
        return
    rank = {("approve", False): 0, ("reject", True): 1}
    workflow = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
    if not workflow:
        return
    workflow.sort(key=lambda item: rank.get((item.name, item.launch_modal), 2))
    menu_items[:] = workflow + [item for item in menu_items if item not in workflow]


@hooks.register("after_edit_page")
def say_what_the_review_did(request, page):
    """After "Request changes" the message says so (Wagtail's own says "updated")."""
    if not isinstance(page.specific_deferred, CampaignPage):
        return
    if request.POST.get("workflow-action-name") != "reject":
        return
    # Wagtail's own message, as Wagtail words it in the reader's language, gives way to ours.
    updated = _("Page '%(page_title)s' has been updated.") % {
        "page_title": page.get_admin_display_title()
    }
    # (Wagtail renders its message in a template, with its buttons and the title escaped.)
    kept = [
        m
        for m in messages.get_messages(request)
        if updated not in str(m.message) and escape(updated) not in str(m.message)
    ]
    for message in kept:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    messages.success(
        request,
        _("Changes requested for “%(title)s”: the authors are emailed your comment; the "
          "campaign stays unpublished until it is approved.") % {"title": page.title},
    )  # fmt: skip


@hooks.register("after_create_page")
def prepare_new_campaign_index(request, page):
    if isinstance(page.specific_deferred, CampaignIndexPage):
        campaign_index_prepare(page.specific)


@hooks.register("construct_homepage_panels")
def moderation_waiting_panel(request, panels):
    waiting_add(panels, moderation_waiting(request.user))
    if has_role(request.user, ACTIVIST):
        panels.insert(0, NewCampaignPanel())


@hooks.register("insert_editor_js")
def campaign_editor_js():
    return format_html('<script src="{}" defer></script>', static("campaigns/editor.js"))
