"""City profiles: the city's staff edit drafts of its sections; "Find cities working on…"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hub.errors import HubError
from hub.selectors import is_member
from youthcities.network.cities.models import City

from . import services
from .forms import FindCitiesForm, SectionForm
from .models import LANGUAGES, SectionKind
from .selectors import cities_working_on, sections_of


def find_cities(request):
    form = FindCitiesForm(request.GET or None)
    matches = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["theme"] or data["q"].strip():
            matches = cities_working_on(
                theme=data["theme"], query=data["q"], member=is_member(request.user)
            )
    return render(request, "hub/profiles/find.html", {"form": form, "matches": matches})


def _initial(section) -> dict:
    if section is None:
        return {}
    source = "draft" if section.draft_waiting else "body"
    themes = section.draft_themes if section.draft_waiting else section.themes
    return {
        **{f"text_{code}": getattr(section, f"{source}_{code}") for code in LANGUAGES},
        "themes": [code for code in themes.split(",") if code],
        "members_only": section.draft_members_only
        if section.draft_waiting
        else section.members_only,
    }


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    """The city's municipal staff write its sections; each waits for approval."""
    city = get_object_or_404(City, slug=slug)
    if not services.can_edit_profile(request.user, city):
        raise Http404
    sections = sections_of(city)
    posted = request.POST.get("kind") if request.method == "POST" else None
    if posted is not None and posted not in SectionKind.values:
        return redirect(request.path)
    forms = []
    for kind, label in SectionKind.choices:
        section = sections.get(kind)
        bound = posted == kind
        form = SectionForm(request.POST if bound else None, initial=_initial(section), prefix=kind)
        if bound and form.is_valid():
            data = form.cleaned_data
            try:
                services.profile_draft_save(
                    user=request.user,
                    city=city,
                    kind=kind,
                    texts={code: data[f"text_{code}"] for code in LANGUAGES},
                    themes=data["themes"],
                    members_only=data["members_only"],
                )
            except HubError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request, _("Saved. The programme team approves it before it goes live.")
                )
            return redirect(request.path)
        forms.append((kind, label, form, section))
    status = 400 if posted else 200
    return render(request, "hub/profiles/edit.html", {"city": city, "forms": forms}, status=status)
