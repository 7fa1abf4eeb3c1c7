"""Programme staff link a project to the lab it came from and to the city commitment it serves:
the workshop's page and the city's commitments then show it."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.applications.models import Application
from grants.applications.services import application_links_set
from grants.calls.admin_views import CallStaffView
from youthcities.network.workshops.selectors import commitments_all, workshops_all


class LinksForm(forms.Form):
    workshop = forms.ModelChoiceField(
        label=gettext_lazy("Came from the lab or workshop"), queryset=None, required=False
    )
    serves = forms.ModelChoiceField(
        label=gettext_lazy("Serves the city's commitment"), queryset=None, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = workshops_all()
        self.fields["workshop"].label_from_instance = lambda w: f"{w.city.local_name}: {w.title}"
        self.fields["serves"].queryset = commitments_all()
        self.fields["serves"].label_from_instance = lambda c: (
            f"{c.recommendation.city.local_name}: {c.recommendation.title}"
        )


class LinksView(CallStaffView):
    template_name = "grants/admin/links.html"
    page_title = gettext_lazy("Links")

    @cached_property
    def application(self) -> Application:
        return get_object_or_404(Application.objects.select_related("call"), pk=self.kwargs["pk"])

    @cached_property
    def call(self):
        return self.application.call

    def get_page_subtitle(self):
        return self.application.reference or ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "form",
            LinksForm(
                initial={
                    "workshop": self.application.workshop_id,
                    "serves": self.application.serves_id,
                }
            ),
        )
        context.update(application=self.application, call=self.call)
        return context

    def post(self, request, *args, **kwargs):
        form = LinksForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        application_links_set(
            application=self.application,
            workshop=form.cleaned_data["workshop"],
            serves=form.cleaned_data["serves"],
            actor=request.user,
        )
        messages.success(request, _("The links are saved."))
        return redirect(reverse("grants_links_admin:links", args=[self.application.pk]))


urlpatterns = [path("grants/applications/<int:pk>/links/", LinksView.as_view(), name="links")]
