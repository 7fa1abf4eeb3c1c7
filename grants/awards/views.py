"""The grantee's award pages: the agreement, the tranches, the reports due and the report form,
and Stripe Connect onboarding. Only the award's grantee sees them; everyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grants.awards.forms import AgreementForm, ReportForm
from grants.awards.models import Award, Report
from grants.awards.reports import report_submit
from grants.awards.selectors import award_with_everything, awards_of
from grants.awards.services import award_accept_agreement, stripe_onboarding_link
from grants.errors import GrantError
from grants.payments import gateway
from grants.payments.selectors import paid_total
from grants.payments.stripe_events import account_apply


def _own_award(request, pk) -> Award:
    award = award_with_everything(awards_of(request.user), pk)
    if award is None:
        raise Http404
    return award


@login_required
def award_detail(request, pk):
    award = _own_award(request, pk)
    return render(
        request,
        "grants/award.html",
        {
            "award": award,
            "application": award.application,
            "tranches": list(award.tranches.all()),
            "reports": list(award.reports.all()),
            "paid": paid_total(award),
            "agreement_form": AgreementForm(),
            "stripe_needed": award.payout_method == Award.Method.STRIPE
            and not (award.stripe_account and award.stripe_account.payouts_enabled),
        },
    )


@login_required
@require_POST
def award_accept(request, pk):
    award = _own_award(request, pk)
    form = AgreementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to accept the agreement."))
        return redirect("grants:award", pk=award.pk)
    try:
        award_accept_agreement(award=award, actor=request.user)
        messages.success(
            request, _("Thank you: the agreement is accepted and the first payment is on its way.")
        )
    except GrantError as error:
        messages.error(request, error.message)
    return redirect("grants:award", pk=award.pk)


@login_required
def report_form(request, pk, report_pk):
    award = _own_award(request, pk)
    report = next((r for r in award.reports.all() if r.pk == report_pk), None)
    if report is None:
        raise Http404
    editable = report.state in (Report.State.DUE, Report.State.RETURNED)
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        budget_lines=award.application.budget_lines.all(),
        currency=award.currency,
        report=report,
    )
    status = 200
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            try:
                report_submit(
                    report=report,
                    actor=request.user,
                    progress=form.cleaned_data["progress"],
                    spending=form.cleaned_data["spending"],
                    evidence=form.cleaned_data["evidence"],
                )
                messages.success(request, _("Your report is sent. Staff will read it soon."))
                return redirect("grants:award", pk=award.pk)
            except GrantError as error:
                form.add_error(None, error.message)
        status = 400
    return render(
        request,
        "grants/report_form.html",
        {"award": award, "report": report, "form": form, "editable": editable},
        status=status,
    )


@login_required
@require_POST
def stripe_onboard(request, pk):
    award = _own_award(request, pk)
    base = request.build_absolute_uri(reverse("grants:award", args=[award.pk]))
    try:
        url = stripe_onboarding_link(
            award=award,
            actor=request.user,
            return_url=base + "stripe/return/",
            refresh_url=base + "stripe/refresh/",
        )
    except GrantError as error:
        messages.error(request, error.message)
        return redirect("grants:award", pk=award.pk)
    return redirect(url)


@login_required
def stripe_refresh(request, pk):
    """Stripe sends the payee here when the onboarding link expired: a fresh link."""
    award = _own_award(request, pk)
    if award.stripe_account is None:
        return redirect("grants:award", pk=award.pk)
    base = request.build_absolute_uri(reverse("grants:award", args=[award.pk]))
    try:
        url = gateway.account_link(
            account_id=award.stripe_account.account_id,
            return_url=base + "stripe/return/",
            refresh_url=base + "stripe/refresh/",
        )
    except gateway.stripe.StripeError:
        messages.error(request, _("Stripe could not be reached. Please try again later."))
        return redirect("grants:award", pk=award.pk)
    return redirect(url)


@login_required
def stripe_return(request, pk):
    """Back from Stripe's onboarding: ask Stripe (not the browser) whether payouts can start."""
    award = _own_award(request, pk)
    if award.stripe_account is not None:
        try:
            account = account_apply(
                account=gateway.account_retrieve(award.stripe_account.account_id)
            )
        except gateway.stripe.StripeError:
            account = None
        if account is not None and account.payouts_enabled:
            messages.success(request, _("Your Stripe account is ready to receive the grant."))
        else:
            messages.info(
                request,
                _("Stripe is still checking your details. We will pay as soon as it is done."),
            )
    return redirect("grants:award", pk=award.pk)
