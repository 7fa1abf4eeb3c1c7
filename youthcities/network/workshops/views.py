"""Workshop pages, registration, recommendations, and the municipal staff's answer and progress
forms. Public pages need no JavaScript; every change goes through a service."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from youthcities.network.cities.models import City
from youthcities.network.cities.selectors import city_of_staff
from youthcities.network.follows.selectors import followed_ids
from youthcities.network.themes import Theme
from youthcities.network.workshops.models import (
    Answer,
    Commitment,
    Recommendation,
    Registration,
    Workshop,
)
from youthcities.network.workshops.selectors import (
    registration_of,
    waiting_for_answer,
    workshops_calendar,
    workshops_listed,
    workshops_upcoming,
)
from youthcities.network.workshops.services import (
    NetworkError,
    commitment_progress,
    recommendation_answer,
    recommendation_create,
    registration_cancel,
    workshop_register,
)


def workshop_list(request):
    workshops = list(workshops_upcoming())
    return render(request, "network/workshop_list.html", {"workshops": workshops})


def workshop_detail(request, slug):
    workshop = get_object_or_404(workshops_listed().prefetch_related("sessions"), slug=slug)
    registration = registration_of(request.user, workshop)
    recommendations = workshop.recommendations.select_related("answer").order_by("-created_at")
    return render(
        request,
        "network/workshop_detail.html",
        {
            "workshop": workshop,
            "registration": registration,
            "is_participant": registration is not None
            and registration.status == Registration.Status.REGISTERED,
            "places_left": max(workshop.capacity - workshop.registered, 0),
            "registration_open": workshop.registration_open(),
            "recommendations": recommendations,
            "following": workshop.pk in followed_ids(request.user, "workshop"),
        },
    )


@login_required
@require_POST
def register(request, slug):
    workshop = get_object_or_404(Workshop, slug=slug)
    try:
        registration = workshop_register(workshop=workshop, user=request.user)
    except NetworkError as error:
        messages.error(request, error.message)
    else:
        if registration.status == Registration.Status.WAITING:
            messages.warning(
                request,
                _("The workshop is full: you are on the waiting list. If a place frees up, it "
                  "is yours and we will tell you."),
            )  # fmt: skip
        else:
            messages.success(request, _("You are registered. The venue is shown below."))
    return redirect("network:workshop", slug=slug)


@login_required
@require_POST
def cancel(request, slug):
    registration = get_object_or_404(Registration, workshop__slug=slug, user=request.user)
    registration_cancel(registration=registration, user=request.user)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("network:workshop", slug=slug)


class RecommendationForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=150)
    text = forms.CharField(
        label=gettext_lazy("Your recommendation"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 3000}),
        help_text=gettext_lazy("What should the city do, and why? Up to 3,000 characters."),
    )
    theme = forms.ChoiceField(label=gettext_lazy("Theme"), choices=Theme.choices)
    department = forms.CharField(
        label=gettext_lazy("Department addressed"),
        max_length=120,
        help_text=gettext_lazy("e.g. Youth and sports, Education, Social affairs"),
    )


@login_required
def recommend(request, slug):
    workshop = get_object_or_404(Workshop, slug=slug)
    registration = registration_of(request.user, workshop)
    if registration is None or registration.role != Registration.Role.YOUTH:
        raise Http404
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation_create(workshop=workshop, author=request.user, **form.cleaned_data)
        except NetworkError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your recommendation is sent to the city."))
            return redirect("network:workshop", slug=slug)
    return _form_page(
        request,
        form,
        heading=_("Write a recommendation"),
        intro=_("The city's municipal staff will answer it in public: accepted, under "
                "consideration or declined, with an explanation."),
        submit_label=_("Send it to the city"),
        back=(workshop.title, reverse("network:workshop", args=[workshop.slug])),
    )  # fmt: skip


def _form_page(request, form, *, heading, submit_label, back, intro="", quote=""):
    return render(
        request,
        "network/form_page.html",
        {
            "form": form,
            "heading": heading,
            "intro": intro,
            "quote": quote,
            "submit_label": submit_label,
            "back_label": back[0],
            "back_url": back[1],
        },
    )


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Official answer"),
        choices=Answer.Decision.choices,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=gettext_lazy("Public explanation"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    owner = forms.CharField(
        label=gettext_lazy("Responsible department"), max_length=120, required=False
    )
    due_on = forms.DateField(
        label=gettext_lazy("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    milestones = forms.CharField(
        label=gettext_lazy("Milestones (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _municipal_only(request, city_id):
    city = city_of_staff(request.user)
    if city is None or city.pk != city_id:
        raise Http404


@login_required
def answer(request, pk):
    """The official answer, previewed as the public will read it before it is published: the
    first POST shows the preview, the second (with `confirmed`) publishes; "Change it" goes
    back to the form with what was typed."""
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("workshop", "city"), pk=pk
    )
    _municipal_only(request, recommendation.city_id)
    existing = getattr(recommendation, "answer", None)
    initial = (
        {"decision": existing.decision, "explanation": existing.explanation} if existing else {}
    )
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if "confirmed" not in request.POST and "edit" not in request.POST:
            return render(
                request,
                "network/answer_preview.html",
                {
                    "recommendation": recommendation,
                    "form": form,
                    "decision_label": Answer.Decision(form.cleaned_data["decision"]).label,
                },
            )
        if "confirmed" in request.POST:
            try:
                recommendation_answer(
                    recommendation=recommendation, actor=request.user, **form.cleaned_data
                )
            except NetworkError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The answer is published on the city's page."))
                return redirect("cms:city", slug=recommendation.city.slug)
    return _form_page(
        request,
        form,
        heading=_("Official answer: %(title)s") % {"title": recommendation.title},
        intro=_("The answer and its explanation are public, on the city's page. You see it "
                "as the public will before it is published."),
        quote=recommendation.text,
        submit_label=_("Preview the answer"),
        back=(recommendation.city.local_name, reverse("cms:city", args=[recommendation.city.slug])),
    )  # fmt: skip


@login_required
def waiting_answers(request):
    """For a city's municipal staff: the recommendations waiting for their answer and the
    commitments waiting for progress."""
    city = city_of_staff(request.user)
    if city is None:
        raise Http404
    return render(
        request,
        "network/waiting_answers.html",
        {"city": city, "waiting": waiting_for_answer(city)},
    )


class ProgressForm(forms.Form):
    percent = forms.IntegerField(label=gettext_lazy("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What was done. Needed when progress goes back."),
    )


@login_required
def progress(request, pk):
    commitment = get_object_or_404(
        Commitment.objects.select_related("recommendation", "city"), pk=pk
    )
    _municipal_only(request, commitment.city_id)
    form = ProgressForm(request.POST or None, initial={"percent": commitment.progress})
    if request.method == "POST" and form.is_valid():
        try:
            commitment_progress(commitment=commitment, actor=request.user, **form.cleaned_data)
        except NetworkError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The progress is published on the city's page."))
            return redirect("cms:city_commitments", slug=commitment.city.slug)
    return _form_page(
        request,
        form,
        heading=_("Progress: %(title)s") % {"title": commitment.recommendation.title},
        intro=_("Now at %(percent)d%%. Updates are public, with their notes.")
        % {"percent": commitment.progress},
        submit_label=_("Publish the progress"),
        back=(
            commitment.city.local_name,
            reverse("cms:city_commitments", args=[commitment.city.slug]),
        ),
    )


def _calendar_response(workshops, title):
    body = workshops_calendar(
        workshops,
        title=title,
        base_url=settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        language=get_language(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="workshops.ics"'
    return response


def calendar(request):
    return _calendar_response(workshops_upcoming(), _("Young Cities workshops"))


def city_calendar(request, slug):
    city = get_object_or_404(City, slug=slug)
    return _calendar_response(
        workshops_upcoming(city=city),
        _("Young Cities workshops in %(city)s") % {"city": city.local_name},
    )
