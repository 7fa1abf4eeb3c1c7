"""Programme staff decide an application in the Wagtail admin."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.applications.lifecycle import APPLICATION
from grants.applications.models import Application
from grants.applications.selectors import application_summary
from grants.awards.services import award_plan
from grants.calls.admin_views import CallStaffView
from grants.decisions.forms import DecisionForm
from grants.decisions.models import Decision
from grants.decisions.services import (
    BadAmount,
    application_decide,
    award_amount_check,
    requested_amount,
)
from grants.errors import GrantError
from grants.review.selectors import application_reviews, application_standing
from youthcities.accounts.roles import PROGRAMME_STAFF


class DecideView(CallStaffView):
    """The application, its reviews and its standing beside the decision form. An approval is
    asked twice: the first POST shows what it will start (the award, its tranches, the email),
    the second, with `confirmed`, makes it; nothing needs JavaScript."""

    template_name = "grants/admin/decide.html"
    page_title = gettext_lazy("Decision")

    @cached_property
    def application(self):
        return get_object_or_404(
            Application.objects.select_related("call", "city", "applicant"), pk=self.kwargs["pk"]
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
            summary=application_summary(self.application),
            reviews=application_reviews(self.application),
            standing=application_standing(self.application),
            decisions=self.application.decisions.select_related("decided_by"),
            form=kwargs.get("form") or self.form(),
            can_decide=bool(APPLICATION.next_states(self.application.status, PROGRAMME_STAFF)),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            approving = form.cleaned_data["outcome"] == Decision.Outcome.APPROVE
            if approving and "edit" in request.POST:
                return self.render_to_response(self.get_context_data(form=form))
            if approving and "confirmed" not in request.POST:
                try:
                    award_amount_check(self.application, form.cleaned_data["amount"])
                except BadAmount as error:
                    form.add_error("amount", error.message)
                    return self.render_to_response(self.get_context_data(form=form), status=400)
                terms = form.schedule()
                plan = award_plan(
                    amount=form.cleaned_data["amount"], currency=self.call.currency, **terms
                )
                return self.render_to_response(
                    self.get_context_data(form=form, confirming=True, plan=plan)
                )
            try:
                decision = application_decide(
                    application=self.application,
                    actor=request.user,
                    outcome=form.cleaned_data["outcome"],
                    amount=form.cleaned_data["amount"],
                    message=form.cleaned_data["message"],
                    award_terms=form.schedule(),
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
