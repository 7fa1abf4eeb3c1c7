"""Public actions on a campaign: support it, confirm an email, report it. Each works without
JavaScript and without an account."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import ReportForm, SupportForm
from .models import CampaignPage


def _live_campaign(pk: int) -> CampaignPage:
    page = CampaignPage.objects.live().public().filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


@require_http_methods(["GET", "POST"])
def support(request, pk):
    page = _live_campaign(pk)
    form = SupportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            supported = services.campaign_support(
                page=page,
                display_name=data["display_name"],
                email=data["email"],
                wants_updates=data["wants_updates"],
                client=services.client_key(request),
            )
        except services.CampaignError as error:
            form.add_error(None, error.message)
            status = 429 if isinstance(error, services.TooManyRequests) else 400
        else:
            if supported.email:
                messages.success(
                    request,
                    _(
                        "Thank you for your support! To receive news, open the link we have just "
                        "emailed you."
                    ),
                )
            else:
                messages.success(request, _("Thank you for your support!"))
            # The query string skips the shared page cache: the new count shows at once.
            return redirect(f"{page.url_for_reader(request)}?supported=1")
    if form.errors and status == 200:
        status = 400
    return render(request, "campaigns/support.html", {"page": page, "form": form}, status=status)


def confirm(request, token):
    try:
        supported = services.support_confirm(token=token)
    except services.BadLink as error:
        return render(request, "campaigns/confirmed.html", {"error": error.message}, status=400)
    return render(request, "campaigns/confirmed.html", {"page": supported.page})


@require_http_methods(["GET", "POST"])
def report(request, pk):
    page = _live_campaign(pk)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_report_abuse(
                page=page,
                about=form.cleaned_data["about"],
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                client=services.client_key(request),
            )
        except services.CampaignError as error:
            form.add_error(None, error.message)
            status = 429 if isinstance(error, services.TooManyRequests) else 400
        else:
            return render(request, "campaigns/reported.html", {"page": page})
    if form.errors and status == 200:
        status = 400
    return render(request, "campaigns/report.html", {"page": page, "form": form}, status=status)
