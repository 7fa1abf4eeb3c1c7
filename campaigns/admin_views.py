"""Moderators' queue of reported campaigns, and the authors' export of their supporters."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Max, Min, Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from youthcities.accounts.roles import MODERATOR
from youthcities.admin_views import RoleView
from youthcities.spreadsheets import row_safe

from . import safety, services
from .forms import DismissForm, UnpublishForm
from .models import AbuseReport, CampaignPage
from .page_permissions import is_author
from .safety_views import hidden_everywhere
from .safety_views import urlpatterns as safety_urls
from .selectors import authors_by_page, authors_of_page, supporters_for_export


class ModeratorView(RoleView):
    roles = (MODERATOR,)
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ReportQueueView(ModeratorView):
    """Reported campaigns: those with a report about their author first (a young person may be
    at risk), each with its authors and the one action that hides an author on all their
    campaigns; then the others, most reported first."""

    template_name = "campaigns/admin/reports.html"
    page_title = gettext_lazy("Reported campaigns")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        open_reports = Q(reports__status=AbuseReport.Status.OPEN)
        about_author = open_reports & Q(reports__about=AbuseReport.About.AUTHOR)
        campaigns = list(
            CampaignPage.objects.filter(open_reports)
            .annotate(open_count=Count("reports", filter=open_reports))
            .annotate(author_count=Count("reports", filter=about_author))
            .annotate(latest=Max("reports__created_at", filter=open_reports))
            .annotate(first_author_report=Min("reports__created_at", filter=about_author))
            .select_related("city", "locale")
            .order_by(F("first_author_report").asc(nulls_last=True), "-open_count", "latest", "pk")
        )
        reported_authors = authors_by_page([c.pk for c in campaigns if c.author_count])
        for campaign in campaigns:
            campaign.reported_authors = reported_authors.get(campaign.pk, [])
        context["campaigns"] = campaigns
        return context

    def _reported_author(self, post):
        """The author named in the form, if they wrote a campaign with an open report about its
        author; else None."""
        page_id, author_id = post.get("page", ""), post.get("author", "")
        if not page_id.isdigit():
            return None
        page = CampaignPage.objects.filter(
            pk=int(page_id),
            reports__status=AbuseReport.Status.OPEN,
            reports__about=AbuseReport.About.AUTHOR,
        ).first()
        if page is None:
            return None
        return next((a for a in authors_of_page(page) if str(a.pk) == author_id), None)

    def post(self, request, *args, **kwargs):
        """Hide one author's name on every campaign they wrote, from an author report."""
        author = self._reported_author(request.POST)
        if author is None:
            # A forged form (a 400: the admin's 404s become redirects to the public site).
            return HttpResponseBadRequest()
        try:
            count = safety.author_hide_everywhere(author=author, actor=request.user)
        except services.CampaignError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, hidden_everywhere(author, count))
        return redirect("campaigns_admin:reports")


class ReportView(ModeratorView):
    template_name = "campaigns/admin/report.html"
    page_title = gettext_lazy("Reports of a campaign")

    @cached_property
    def campaign(self) -> CampaignPage:
        return get_object_or_404(CampaignPage, pk=self.kwargs["page_id"])

    def get_page_subtitle(self):
        return self.campaign.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("campaigns_admin:reports"), "label": _("Reported campaigns")},
            {"url": "", "label": self.campaign.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("unpublish_form", UnpublishForm())
        context.setdefault("dismiss_form", DismissForm())
        context.update(
            campaign=self.campaign,
            reports=self.campaign.reports.select_related("handled_by").order_by("-created_at"),
            queue_url=reverse("campaigns_admin:reports"),
        )
        return context

    def post(self, request, *args, **kwargs):
        if "unpublish" in request.POST:
            form = UnpublishForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(unpublish_form=form))
            try:
                services.campaign_unpublish(
                    page=self.campaign, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except services.CampaignError as error:
                messages.error(request, error.message)
                return redirect(request.path)
            messages.success(request, _("The campaign is no longer public; its authors are told."))
            return redirect("campaigns_admin:reports")
        form = DismissForm(request.POST)
        if form.is_valid():
            for report in self.campaign.reports.filter(status=AbuseReport.Status.OPEN):
                services.report_dismiss(
                    report=report, actor=request.user, note=form.cleaned_data["note"]
                )
            messages.success(request, _("The reports are dismissed; the campaign stays public."))
        return redirect("campaigns_admin:reports")


def supporters_csv(request, page_id):
    """The supporters who confirmed they want news, for the campaign's authors only."""
    page = get_object_or_404(CampaignPage, pk=page_id)
    if not is_author(request.user, page):
        raise PermissionDenied
    supporters = supporters_for_export(page=page, user=request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="supporters-{page.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(row_safe([_("Name"), _("Email"), _("Confirmed")]))
    for support in supporters.order_by("confirmed_at"):
        writer.writerow(
            row_safe([support.display_name, support.email, support.confirmed_at.date().isoformat()])
        )
    return response


urlpatterns = [
    *safety_urls,
    path("campaigns/reports/", ReportQueueView.as_view(), name="reports"),
    path("campaigns/reports/<int:page_id>/", ReportView.as_view(), name="report"),
    path("campaigns/<int:page_id>/supporters.csv", supporters_csv, name="supporters"),
]
