"""Members' pages of introductions: ask from a city's page, answer as the counterpart, follow
one's own and note what came of them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hub.errors import HubError
from hub.selectors import is_member
from youthcities.network.cities.models import City

from . import services
from .forms import AskForm, OutcomeForm
from .models import Introduction
from .selectors import introductions_of


@login_required
@require_http_methods(["GET", "POST"])
def ask(request, slug):
    """ "Put me in touch": what the member wants to learn from this city."""
    city = get_object_or_404(City, slug=slug)
    if not is_member(request.user):
        messages.info(request, _("Introductions are for members of the hub. Apply to join."))
        return redirect("hub:apply")
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.introduction_ask(
                requester=request.user, city=city, wish=form.cleaned_data["wish"]
            )
        except HubError as error:
            messages.error(request, error.message)
            return redirect("cms:city", slug=city.slug)
        messages.success(
            request,
            _("Thank you. The programme team looks for the right person and emails you."),
        )
        return redirect("hub:my_introductions")
    return render(request, "hub/introductions/ask.html", {"city": city, "form": form})


@login_required
def mine(request):
    return render(
        request,
        "hub/introductions/mine.html",
        {"introductions": introductions_of(request.user), "form": OutcomeForm()},
    )


@login_required
@require_POST
def outcome(request, pk):
    introduction = get_object_or_404(introductions_of(request.user), pk=pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.introduction_note_outcome(
                introduction=introduction, user=request.user, outcome=form.cleaned_data["outcome"]
            )
        except HubError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you: noted."))
    return redirect("hub:my_introductions")


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, token):
    """The counterpart's page (linked in their email). Anyone else: 404."""
    introduction = get_object_or_404(
        Introduction.objects.select_related("city", "requester_city"), token=token
    )
    if introduction.counterpart_id != request.user.pk:
        raise Http404
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in ("accept", "decline"):
            return redirect(request.path)
        try:
            services.introduction_answer(
                introduction=introduction, user=request.user, accept=decision == "accept"
            )
        except HubError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        if decision == "accept":
            messages.success(request, _("Thank you. You both get each other's contact by email."))
        else:
            messages.success(request, _("Thank you. We let them know, without your name."))
        return redirect("hub:my_introductions")
    return render(request, "hub/introductions/answer.html", {"introduction": introduction})
