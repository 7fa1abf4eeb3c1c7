"""Awards and money in the Wagtail admin: the awards list and an award's page (programme staff
approve or return reports; finance pay through Stripe, record manual transfers and approve
them), the finance dashboard with its chart, the ledger export and the reconciliation. Thin:
services change things, selectors read."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF
from youthcities.accounts.selectors import has_role
from youthcities.spreadsheets import row_safe

from .award_forms import ManualPaymentForm, ReasonForm, ReportReviewForm
from .award_models import (
    Award,
    ManualPayment,
    PayoutCountry,
    ReconciliationRun,
    Report,
    ReportEvidence,
    Tranche,
)
from .award_selectors import (
    award_ledger,
    award_with_everything,
    finance_totals,
    ledger_for_export,
    paid_total,
    pending_manual_payments,
)
from .award_services import (
    manual_payment_approve,
    manual_payment_record,
    manual_payment_reject,
    payout_country_set,
    report_review,
    tranche_pay_request,
    tranche_retry,
)
from .errors import GrantError
from .models import GrantCall
from .tasks import reconcile_stripe

STAFF_AND_FINANCE = (PROGRAMME_STAFF, FINANCE)


def _require_any(user, roles) -> None:
    if not any(has_role(user, role) for role in roles):
        raise PermissionDenied


class RoleMenuItem(MenuItem):
    """A menu item shown only to the given roles."""

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = roles

    def is_shown(self, request):
        return any(has_role(request.user, role) for role in self.roles)


class RoleView(WagtailAdminTemplateMixin, TemplateView):
    """Only the given roles; everyone else gets 403 (Wagtail sends the anonymous to log in)."""

    roles: tuple[str, ...] = STAFF_AND_FINANCE
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        _require_any(request.user, self.roles)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("grants_award_admin:awards"), "label": _("Awards")},
            {"url": "", "label": self.get_page_title()},
        ]


class AwardListView(RoleView):
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


class AwardView(RoleView):
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


class ReportReviewView(RoleView):
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


class TranchePayView(RoleView):
    """Pay a tranche through Stripe: the click records the intent and returns at once; a
    background task talks to Stripe, and the payment page follows it."""

    roles = (FINANCE,)

    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, pk):
        tranche = get_object_or_404(Tranche, pk=pk)
        try:
            tranche_pay_request(tranche=tranche, actor=request.user)
        except GrantError as error:
            messages.error(request, error.message)
            return redirect("grants_award_admin:award", pk=tranche.award_id)
        return redirect("grants_award_admin:tranche_payment", pk=tranche.pk)


class TrancheScreen(RoleView):
    """A screen about one tranche, titled with its application's reference."""

    @cached_property
    def tranche(self) -> Tranche:
        return get_object_or_404(
            Tranche.objects.select_related("award__application"), pk=self.kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.tranche.award.application.reference


class TranchePaymentView(TrancheScreen):
    """Where a Stripe payment stands. While it is being made the page reloads itself every few
    seconds (and has a link to check again by hand)."""

    template_name = "grants/admin/tranche_payment.html"
    page_title = gettext_lazy("Payment")
    REFRESH_SECONDS = 5

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tranche = self.tranche
        by_stripe = tranche.award.payout_method == Award.Method.STRIPE and bool(
            tranche.idempotency_key
        )
        context.update(
            tranche=tranche,
            award=tranche.award,
            by_stripe=by_stripe,
            refresh_seconds=(
                self.REFRESH_SECONDS
                if by_stripe and tranche.state == Tranche.State.PROCESSING
                else None
            ),
        )
        return context


class TrancheRetryView(TranchePayView):
    def post(self, request, pk):
        tranche = get_object_or_404(Tranche, pk=pk)
        try:
            tranche_retry(tranche=tranche, actor=request.user)
            messages.success(request, _("The tranche is ready to pay again."))
        except GrantError as error:
            messages.error(request, error.message)
        return redirect("grants_award_admin:award", pk=tranche.award_id)


class ManualPaymentView(TrancheScreen):
    """A finance officer records a transfer made outside Stripe."""

    roles = (FINANCE,)
    template_name = "grants/admin/manual_payment.html"
    page_title = gettext_lazy("Record a manual payment")

    def form(self, data=None, files=None):
        return ManualPaymentForm(data, files, currency=self.tranche.award.currency)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            tranche=self.tranche,
            award=self.tranche.award,
            form=kwargs.get("form") or self.form(),
        )
        return context

    def post(self, request, pk):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                manual_payment_record(
                    tranche=self.tranche,
                    actor=request.user,
                    method=data["method"],
                    reference=data["reference"],
                    paid_on=data["paid_on"],
                    amount=data["amount"],
                    currency=data["currency"],
                    evidence=data["evidence"],
                )
                messages.success(
                    request, _("The payment is recorded. Another finance officer must approve it.")
                )
                return redirect("grants_award_admin:award", pk=self.tranche.award_id)
            except GrantError as error:
                form.add_error(None, error.message)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ManualPaymentDecideView(RoleView):
    roles = (FINANCE,)

    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, pk):
        payment = get_object_or_404(ManualPayment.objects.select_related("tranche"), pk=pk)
        try:
            if request.POST.get("action") == "approve":
                manual_payment_approve(payment=payment, actor=request.user)
                messages.success(request, _("The payment is approved: the tranche is paid."))
            else:
                form = ReasonForm(request.POST)
                if not form.is_valid():
                    messages.error(request, _("Give a reason."))
                else:
                    manual_payment_reject(
                        payment=payment, actor=request.user, reason=form.cleaned_data["reason"]
                    )
                    messages.warning(request, _("The payment is rejected."))
        except GrantError as error:
            messages.error(request, error.message)
        return redirect("grants_award_admin:award", pk=payment.tranche.award_id)


def award_file(request, kind, pk):
    """Evidence of a report or of a manual payment, for programme staff and finance only."""
    _require_any(request.user, STAFF_AND_FINANCE)
    if kind == "report":
        item = get_object_or_404(ReportEvidence, pk=pk)
        field, name = item.file, item.original_name
    elif kind == "payment":
        item = get_object_or_404(ManualPayment, pk=pk)
        field, name = item.evidence, item.evidence_name
    else:
        raise Http404
    if isinstance(storages["private"], FileSystemStorage):
        return FileResponse(field.open("rb"), as_attachment=True, filename=name)
    return HttpResponseRedirect(field.url)


# --- Finance -----------------------------------------------------------------------------------


class FinanceDashboardView(RoleView):
    roles = (FINANCE,)
    template_name = "grants/admin/finance.html"
    page_title = gettext_lazy("Finance")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = finance_totals()
        calls = GrantCall.objects.in_bulk({row.call_id for row in rows})
        for row in rows:
            row.call = calls[row.call_id]
        context.update(
            rows=rows,
            pending=list(pending_manual_payments()),
            reconciliation=ReconciliationRun.objects.first(),
        )
        return context


LEDGER_COLUMNS = [
    ("id", "id"),
    ("created_at", "date"),
    ("call", "call"),
    ("application", "application"),
    ("tranche", "tranche"),
    ("kind", "movement"),
    ("amount", "amount"),
    ("currency", "currency"),
    ("method", "method"),
    ("reference", "reference"),
    ("reverses", "reverses"),
    ("note", "note"),
]


def _ledger_rows():
    for entry in ledger_for_export().iterator(chunk_size=2000):
        yield [
            entry.pk,
            entry.created_at.isoformat(),
            entry.call.slug,
            entry.award.application.reference,
            entry.tranche.position if entry.tranche_id else "",
            entry.kind,
            entry.amount,
            entry.currency,
            entry.method,
            entry.reference,
            entry.reverses_id or "",
            entry.note,
        ]


def ledger_export(request, fmt):
    """The whole ledger as CSV or XLSX. Amounts stay exact: text in CSV, and numbers with the
    currency's decimals in XLSX."""
    _require_any(request.user, (FINANCE,))
    header = [label for _key, label in LEDGER_COLUMNS]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        for row in _ledger_rows():
            writer.writerow([str(value) for value in row_safe(row)])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Ledger"))
        sheet.append(header)
        for row in _ledger_rows():
            sheet.append(row_safe(row))  # the amount stays a Decimal: an exact number
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="ledger.{fmt}"'
    return response


class PayoutCountriesView(RoleView):
    """Where Stripe Connect pays out: finance keep the list as Stripe's coverage changes."""

    roles = (FINANCE,)
    template_name = "grants/admin/payout_countries.html"
    page_title = gettext_lazy("Where Stripe pays out")

    def get_context_data(self, **kwargs):
        from youthcities.accounts.countries import country_name

        context = super().get_context_data(**kwargs)
        rows = [(row, country_name(row.country)) for row in PayoutCountry.objects.all()]
        context.update(rows=sorted(rows, key=lambda item: item[1]))
        return context

    def post(self, request):
        try:
            row = payout_country_set(
                country=request.POST.get("country", ""),
                stripe_supported=request.POST.get("stripe_supported") == "yes",
                actor=request.user,
                note=request.POST.get("note", ""),
            )
            messages.success(
                request,
                _("%(country)s: saved. Awards made from now on follow it.")
                % {"country": row.country},
            )
        except GrantError as error:
            messages.error(request, error.message)
        return redirect("grants_award_admin:payout_countries")


class ReconcileView(RoleView):
    roles = (FINANCE,)

    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request):
        reconcile_stripe.enqueue()
        messages.info(
            request, _("The reconciliation with Stripe is running; its result appears below.")
        )
        return redirect("grants_award_admin:finance")


urlpatterns = [
    path("grants/awards/", AwardListView.as_view(), name="awards"),
    path("grants/awards/<int:pk>/", AwardView.as_view(), name="award"),
    path("grants/reports/<int:pk>/review/", ReportReviewView.as_view(), name="report_review"),
    path("grants/tranches/<int:pk>/pay/", TranchePayView.as_view(), name="tranche_pay"),
    path("grants/tranches/<int:pk>/payment/", TranchePaymentView.as_view(), name="tranche_payment"),
    path("grants/tranches/<int:pk>/retry/", TrancheRetryView.as_view(), name="tranche_retry"),
    path("grants/tranches/<int:pk>/manual/", ManualPaymentView.as_view(), name="manual_record"),
    path(
        "grants/manual-payments/<int:pk>/decide/",
        ManualPaymentDecideView.as_view(),
        name="manual_decide",
    ),
    path("grants/files/<str:kind>/<int:pk>/", award_file, name="file"),
    path("grants/finance/", FinanceDashboardView.as_view(), name="finance"),
    path("grants/finance/ledger.<str:fmt>", ledger_export, name="ledger_export"),
    path("grants/finance/reconcile/", ReconcileView.as_view(), name="reconcile"),
    path(
        "grants/finance/payout-countries/",
        PayoutCountriesView.as_view(),
        name="payout_countries",
    ),
]
