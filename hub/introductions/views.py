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
from .forms import AskForm, ContactForm, OutcomeForm
from .models import Introduction
from .selectors import contact_of, initiative_of, introductions_of, member_city


@login_required
@require_http_methods(["GET", "POST"])
def ask(request, slug):
    """ "Put me in touch": what the member wants to learn from this city."""
    return _ask(request, get_object_or_404(City, slug=slug), about=None)


@login_required
@require_http_methods(["GET", "POST"])
def ask_about(request, kind, pk):
    """ "Put me in touch" from an initiative: the same request, about that initiative."""
    about = initiative_of(kind, pk, language=request.LANGUAGE_CODE)
    if about is None:
        raise Http404
    return _ask(request, get_object_or_404(City, pk=about.city_id), about=about)


def _ask(request, city, *, about):
    if not is_member(request.user):
        messages.info(request, _("Introductions are for members of the hub. Apply to join."))
        return redirect("hub:apply")
    initial = {}
    if about is not None:
        # A section's first sentence ends with its own full stop: not before the closing quote.
        initial["wish"] = _("I would like to learn about “%(initiative)s”: ") % {
            "initiative": about.title.rstrip(" .。۔")
        }
    form = AskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            introduction = services.introduction_ask(
                requester=request.user, city=city, wish=form.cleaned_data["wish"], about=about
            )
        except HubError as error:
            messages.error(request, error.message)
            return redirect("cms:city", slug=city.slug)
        if introduction.status == Introduction.Status.OFFERED:
            messages.success(
                request, _("Thank you. Your request went straight to the city's contact.")
            )
        else:
            messages.success(
                request,
                _("Thank you. The programme team looks for the right person and emails you."),
            )
        return redirect("hub:my_introductions")
    return render(
        request,
        "hub/introductions/ask.html",
        {"city": city, "form": form, "about": about},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact(request):
    """Opt in (or out) as a counterpart contact of one's city: display name and role shown to
    members; optionally, requests come straight here."""
    current = contact_of(request.user)
    city = member_city(request.user) if is_member(request.user) else None
    if city is None:
        return render(request, "hub/members_only.html", status=403)
    initial = {"role": current.role, "takes_requests": current.takes_requests} if current else {}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("action") == "opt_out":
            services.contact_opt_out(user=request.user)
            messages.success(request, _("Done: you are no longer a contact of your city."))
            return redirect("hub:contact")
        if form.is_valid():
            try:
                services.contact_opt_in(user=request.user, **form.cleaned_data)
            except HubError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Saved: members see your name and role."))
            return redirect("hub:contact")
    return render(
        request,
        "hub/introductions/contact.html",
        {"form": form, "contact": current, "city": city},
        status=400 if request.method == "POST" else 200,
    )


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
