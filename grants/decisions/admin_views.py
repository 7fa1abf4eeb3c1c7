"""Programme staff decide an application in the Wagtail admin."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.applications.lifecycle import APPLICATION
from grants.applications.models import Application
from grants.calls.admin_views import CallStaffView
from grants.decisions.forms import DecisionForm
from grants.decisions.models import Decision
from grants.decisions.services import (
    application_decide,
    letter_for,
    letter_template_for,
    requested_amount,
)
from grants.errors import GrantError
from youthcities.accounts.roles import PROGRAMME_STAFF


class DecideView(CallStaffView):
    template_name = "grants/admin/decide.html"
    page_title = gettext_lazy("Decision")

    @cached_property
    def application(self):
        return get_object_or_404(
            Application.objects.select_related("call", "city"), pk=self.kwargs["pk"]
        )

    @cached_property
    def call(self):
        return self.application.call

    def get_page_subtitle(self):
        return self.application.reference or ""

    def form(self, data=None):
        return DecisionForm(
            data,
            currency=self.call.currency,
            outcomes=APPLICATION.next_states(self.application.status, PROGRAMME_STAFF),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            application=self.application,
            call=self.call,
            requested=requested_amount(self.application),
            decisions=self.application.decisions.select_related("decided_by"),
            form=kwargs.get("form") or self.form(),
            can_decide=bool(APPLICATION.next_states(self.application.status, PROGRAMME_STAFF)),
            letters=self.letters(),
        )
        return context

    def letters(self) -> list[dict]:
        """The call's letter for each decision staff may take, as this applicant would read it
        (the amount requested stands in for the amount awarded)."""
        letters = []
        outcomes = APPLICATION.next_states(self.application.status, PROGRAMME_STAFF)
        for value, label in Decision.Outcome.choices:
            if value not in outcomes or value == Decision.Outcome.SHORTLIST:
                continue
            template = letter_template_for(self.application, value)
            text = letter_for(
                application=self.application,
                outcome=value,
                amount=requested_amount(self.application),
                feedback=_("[your message]"),
            )
            letters.append(
                {
                    "outcome": label,
                    "text": text,
                    "language": template.get_language_display() if template else "",
                }
            )
        return letters

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                decision = application_decide(
                    application=self.application,
                    actor=request.user,
                    outcome=form.cleaned_data["outcome"],
                    amount=form.cleaned_data["amount"],
                    message=form.cleaned_data["message"],
                    award_terms=form.schedule(),
                    letter=form.cleaned_data["letter"],
                )
                messages.success(
                    request,
                    _("%(reference)s: %(decision)s.")
                    % {
                        "reference": self.application.reference,
                        "decision": decision.get_outcome_display(),
                    },
                )
                return redirect("grants_review_admin:ranking", call_id=self.call.pk)
            except GrantError as error:
                form.add_error("amount" if "amount" in str(error).lower() else None, error.message)
        return self.render_to_response(self.get_context_data(form=form), status=400)


urlpatterns = [
    path("grants/applications/<int:pk>/decide/", DecideView.as_view(), name="decide"),
]
