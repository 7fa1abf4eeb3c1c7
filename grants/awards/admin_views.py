"""Awards and money in the Wagtail admin: the awards list and an award's page (programme staff
approve or return reports; finance pay through Stripe, record manual transfers and approve
them), the finance dashboard with its chart, the ledger export and the reconciliation. Thin:
services change things, selectors read."""

from django.contrib import messages
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.awards.forms import ReportReviewForm
from grants.awards.models import Award, Report, ReportEvidence
from grants.awards.reports import report_review
from grants.awards.selectors import award_with_everything
from grants.errors import GrantError
from grants.payments.admin_views import STAFF_AND_FINANCE, AwardScreen
from grants.payments.models import ManualPayment
from grants.payments.selectors import (
    award_ledger,
    paid_total,
    pending_manual_payments,
)
from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF
from youthcities.accounts.selectors import has_role
from youthcities.admin_views import require_any_role
from youthcities.audit.services import audit_record
from youthcities.forms import ReasonForm


class AwardListView(AwardScreen):
    template_name = "grants/admin/awards.html"
    page_title = gettext_lazy("Awards")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            awards=Award.objects.select_related("application", "call").order_by("-created_at")[
                :200
            ],
            pending=pending_manual_payments(),
            is_finance=has_role(self.request.user, FINANCE),
        )
        return context


class AwardView(AwardScreen):
    template_name = "grants/admin/award.html"
    page_title = gettext_lazy("Award")

    @cached_property
    def award(self) -> Award:
        award = award_with_everything(Award.objects.all(), self.kwargs["pk"])
        if award is None:
            raise Http404
        return award

    def get_page_subtitle(self):
        return self.award.application.reference

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            award=self.award,
            application=self.award.application,
            tranches=list(self.award.tranches.all()),
            reports=list(self.award.reports.all()),
            ledger=list(award_ledger(self.award)),
            paid=paid_total(self.award),
            is_finance=has_role(user, FINANCE),
            is_staff=has_role(user, PROGRAMME_STAFF),
            review_form=ReportReviewForm(),
            reason_form=ReasonForm(),
        )
        return context


class ReportReviewView(AwardScreen):
    roles = (PROGRAMME_STAFF,)

    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, pk):
        report = get_object_or_404(Report, pk=pk)
        form = ReportReviewForm(request.POST)
        if form.is_valid():
            try:
                report_review(
                    report=report,
                    actor=request.user,
                    approve=form.cleaned_data["decision"] == "approve",
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, _("The report is reviewed; the grantee is told."))
            except GrantError as error:
                messages.error(request, error.message)
        else:
            messages.error(request, _("Choose whether to approve or return the report."))
        return redirect("grants_award_admin:award", pk=report.award_id)


def award_file(request, kind, pk):
    """Evidence of a report or of a manual payment, for programme staff and finance only."""
    require_any_role(request.user, STAFF_AND_FINANCE)
    if kind == "report":
        item = get_object_or_404(ReportEvidence, pk=pk)
        field, name = item.file, item.original_name
    elif kind == "payment":
        item = get_object_or_404(ManualPayment, pk=pk)
        field, name = item.evidence, item.evidence_name
    else:
        raise Http404
    audit_record(actor=request.user, action="document.viewed", target=item)
    if isinstance(storages["private"], FileSystemStorage):
        return FileResponse(field.open("rb"), as_attachment=True, filename=name)
    return HttpResponseRedirect(field.url)


urlpatterns = [
    path("grants/awards/", AwardListView.as_view(), name="awards"),
    path("grants/awards/<int:pk>/", AwardView.as_view(), name="award"),
    path("grants/reports/<int:pk>/review/", ReportReviewView.as_view(), name="report_review"),
    path("grants/files/<str:kind>/<int:pk>/", award_file, name="file"),
]
