"""Finance's screens in the Wagtail admin: paying a tranche through Stripe, recording and
approving manual transfers, the dashboard, the ledger export, payout countries and
reconciliation. Thin: services change things, selectors read."""

import csv
import io

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.calls.models import GrantCall
from grants.errors import GrantError
from grants.payments.forms import ManualPaymentForm
from grants.payments.manual import (
    manual_payment_approve,
    manual_payment_check_approver,
    manual_payment_record,
    manual_payment_reject,
)
from grants.payments.models import (
    ManualPayment,
    PayoutCountry,
    PayoutMethod,
    ReconciliationRun,
    Tranche,
)
from grants.payments.selectors import (
    finance_totals,
    ledger_for_export,
    pending_manual_payments,
    tranches_ready_to_pay,
)
from grants.payments.services import payout_country_set, tranche_pay_begin, tranche_retry
from grants.payments.tasks import reconcile_stripe, send_tranche_transfer
from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF
from youthcities.admin_views import RoleView, require_any_role
from youthcities.forms import ReasonForm
from youthcities.spreadsheets import row_safe

STAFF_AND_FINANCE = (PROGRAMME_STAFF, FINANCE)


class AwardScreen(RoleView):
    """A screen of the awards part of the admin: staff and finance, under "Awards"."""

    roles = STAFF_AND_FINANCE

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("grants_award_admin:awards"), "label": _("Awards")},
            {"url": "", "label": self.get_page_title()},
        ]


class TranchePayView(AwardScreen):
    """Pay a tranche through Stripe: the click records the intent and returns at once; a
    background task talks to Stripe, and the payment page follows it."""

    roles = (FINANCE,)

    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, pk):
        tranche = get_object_or_404(Tranche, pk=pk)
        try:
            tranche_pay_begin(tranche=tranche, actor=request.user)
        except GrantError as error:
            messages.error(request, error.message)
            return redirect("grants_award_admin:award", pk=tranche.award_id)
        transaction.on_commit(lambda: send_tranche_transfer.enqueue(tranche_id=tranche.pk))
        return redirect("grants_award_admin:tranche_payment", pk=tranche.pk)


class TrancheScreen(AwardScreen):
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
        by_stripe = tranche.award.payout_method == PayoutMethod.STRIPE and bool(
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
        return ManualPaymentForm(
            data, files, currency=self.tranche.award.currency, amount=self.tranche.amount
        )

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


class ManualPaymentDecideView(AwardScreen):
    """Approve or reject a transfer another officer recorded. Approving is asked twice: the
    first POST shows the payment (amount, reference, evidence) and what approving does, the
    second, with `confirmed`, approves it."""

    roles = (FINANCE,)
    template_name = "grants/admin/manual_payment_confirm.html"
    page_title = gettext_lazy("Approve a manual payment")

    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, pk):
        payment = get_object_or_404(
            ManualPayment.objects.select_related("tranche__award__application", "recorded_by"),
            pk=pk,
        )
        approving = request.POST.get("action") == "approve"
        try:
            if approving and "confirmed" not in request.POST:
                manual_payment_check_approver(payment=payment, actor=request.user)
                return self.render_to_response(
                    self.get_context_data(payment=payment, tranche=payment.tranche)
                )
            if approving:
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


# --- Finance -----------------------------------------------------------------------------------


class ReadyToPayView(AwardScreen):
    """Every tranche that can be paid now, across awards: ready, or failed and to be tried
    again; oldest award first, each with its way to pay."""

    roles = (FINANCE,)
    template_name = "grants/admin/ready_to_pay.html"
    page_title = gettext_lazy("Ready to pay")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("grants_award_admin:finance"), "label": _("Finance")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tranches"] = list(tranches_ready_to_pay())
        return context


class FinanceDashboardView(AwardScreen):
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
    require_any_role(request.user, (FINANCE,))
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


class PayoutCountriesView(AwardScreen):
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


class ReconcileView(AwardScreen):
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
    path("grants/tranches/<int:pk>/pay/", TranchePayView.as_view(), name="tranche_pay"),
    path("grants/tranches/<int:pk>/payment/", TranchePaymentView.as_view(), name="tranche_payment"),
    path("grants/tranches/<int:pk>/retry/", TrancheRetryView.as_view(), name="tranche_retry"),
    path("grants/tranches/<int:pk>/manual/", ManualPaymentView.as_view(), name="manual_record"),
    path(
        "grants/manual-payments/<int:pk>/decide/",
        ManualPaymentDecideView.as_view(),
        name="manual_decide",
    ),
    path("grants/finance/", FinanceDashboardView.as_view(), name="finance"),
    path("grants/finance/ready-to-pay/", ReadyToPayView.as_view(), name="ready_to_pay"),
    path("grants/finance/ledger.<str:fmt>", ledger_export, name="ledger_export"),
    path("grants/finance/reconcile/", ReconcileView.as_view(), name="reconcile"),
    path(
        "grants/finance/payout-countries/",
        PayoutCountriesView.as_view(),
        name="payout_countries",
    ),
]
