"""Programme staff decide an application in the Wagtail admin."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
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
from grants.decisions.batch import batch_decision_start
from grants.decisions.forms import DecisionForm
from grants.decisions.models import BatchDecision, Decision
from grants.decisions.services import (
    BadAmount,
    application_decide,
    award_amount_check,
    letter_for,
    letter_template_for,
    requested_amount,
)
from grants.decisions.tasks import run_batch_decision
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
                    "language_code": template.language if template else "",
                }
            )
        return letters

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


def _selected(post) -> list[tuple[int, str]]:
    """The ranking's ticked rows, each "id:status" as staff saw it."""
    rows = []
    for value in post.getlist("rows"):
        pk, _sep, status = value.partition(":")
        if pk.isdigit() and status in Application.Status.values:
            rows.append((int(pk), status))
    return rows


class BatchConfirmView(CallStaffView):
    """The ranking's selection and decision, named with its count, before anything is done."""

    template_name = "grants/admin/batch_confirm.html"
    page_title = gettext_lazy("Decide several applications")

    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, *args, **kwargs):
        selected = _selected(request.POST)
        outcome = request.POST.get("outcome", "")
        outcomes = dict(BatchDecision.BATCH_OUTCOMES)
        message = request.POST.get("message", "").strip()
        problem = None
        if not selected:
            problem = _("Select at least one application.")
        elif outcome not in outcomes:
            problem = _("Choose the decision to apply.")
        elif outcome == Decision.Outcome.MORE_INFO and not message:
            problem = _("Say what information you need.")
        if problem:
            messages.error(request, problem)
            return redirect("grants_review_admin:ranking", call_id=self.call.pk)
        references = dict(
            Application.objects.filter(
                call=self.call, pk__in=[pk for pk, _status in selected]
            ).values_list("pk", "reference")
        )
        context = self.get_context_data(
            call=self.call,
            selected=[(pk, status, references[pk]) for pk, status in selected if pk in references],
            outcome=outcome,
            outcome_label=outcomes[outcome],
            message=message,
        )
        return self.render_to_response(context)


class BatchStartView(CallStaffView):
    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, *args, **kwargs):
        try:
            batch = batch_decision_start(
                call=self.call,
                actor=request.user,
                outcome=request.POST.get("outcome", ""),
                message=request.POST.get("message", ""),
                selected=_selected(request.POST),
            )
        except GrantError as error:
            messages.error(request, error.message)
            return redirect("grants_review_admin:ranking", call_id=self.call.pk)
        transaction.on_commit(lambda: run_batch_decision.enqueue(batch_id=batch.pk))
        return redirect("grants_review_admin:batch", pk=batch.pk)


class BatchStatusView(CallStaffView):
    template_name = "grants/admin/batch.html"
    page_title = gettext_lazy("Decide several applications")

    @cached_property
    def batch(self):
        return get_object_or_404(BatchDecision, pk=self.kwargs["pk"])

    @cached_property
    def call(self):
        return self.batch.call

    def get_context_data(self, **kwargs):
        return super().get_context_data(batch=self.batch, call=self.call, **kwargs)


urlpatterns = [
    path("grants/applications/<int:pk>/decide/", DecideView.as_view(), name="decide"),
    path("grants/calls/<int:call_id>/batch/", BatchConfirmView.as_view(), name="batch_confirm"),
    path("grants/calls/<int:call_id>/batch/start/", BatchStartView.as_view(), name="batch_start"),
    path("grants/batches/<int:pk>/", BatchStatusView.as_view(), name="batch"),
]
