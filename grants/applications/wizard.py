"""The application wizard (django-formtools). The draft application row is the truth: the
wizard's working state is stored on it (DraftStorage), and every valid step also updates the
draft's answers through a service, so a draft survives logout, expiry, restarts, a second
device and a second application server."""

import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import SuspiciousOperation
from django.forms.utils import ErrorDict, ErrorList
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.views import NamedUrlWizardView, WizardView

from grants.applications import forms
from grants.applications.answers import AnswersForm
from grants.applications.models import Application
from grants.applications.rules import STEP_FIELDS, STEP_TITLES, STEPS
from grants.applications.selectors import application_summary, questions_of
from grants.applications.services import (
    application_joined_or_started,
    application_own_by_call_slug,
    application_save_step,
    application_submit,
)
from grants.calls.models import GrantCall
from grants.errors import (
    CallNotOpen,
    GrantError,
    IncompleteApplication,
    StaleDraft,
    TooManyInvitations,
)
from youthcities.accounts.selectors import can_participate
from youthcities.arrival import request_arrival

FORMS = {
    "eligibility": forms.EligibilityForm,
    "team": forms.TeamForm,
    "project": forms.ProjectForm,
    "answers": AnswersForm,
    "budget": forms.BudgetFormSet,
    "documents": forms.DocumentsForm,
    "review": forms.ReviewForm,
}
STEP_FORMS = [(name, FORMS[name]) for name in STEPS]
# The name of the "Submit application" button: only a POST that carries it submits.
SUBMIT_BUTTON = "submit_application"
NOT_STORED = {"csrfmiddlewaretoken", "draft_version", "save_later", SUBMIT_BUTTON}


class DraftStorage(BaseStorage):
    """Keeps the wizard's data on the draft application, written back once per request."""

    def __init__(self, prefix, request=None, file_storage=None):
        super().__init__(prefix, request, file_storage)
        self.application: Application = request.draft_application
        if self.application.wizard_state:
            self.data = self.application.wizard_state  # read for this request only
        else:
            self.init_data()
        # formtools changes its data in place; the state as it is stored (JSON) tells at the
        # end whether anything changed. A copy of the nested dicts cost more than the step.
        self._loaded = _as_stored(self.data)
        self.discarded = False

    def update_response(self, response):
        super().update_response(response)
        if self.discarded or _as_stored(self.data) == self._loaded:
            return
        Application.objects.filter(pk=self.application.pk).update(wizard_state=self.data)

    def saved_with_step(self, current_step: str) -> dict:
        """The state to write with a step, in the same statement, as it will be once formtools
        has moved on to `current_step`: then it is not written again at the end."""
        state = {**self.data, self.step_key: current_step}
        self._loaded = _as_stored(state)
        return state


def _as_stored(state: dict) -> str:
    return json.dumps(state, sort_keys=True)


class _UploadsAreAttachments:
    """formtools wants a place for uploaded files between steps. Ours never use it: each upload
    is stored at once as an Attachment in private storage (see process_step_files)."""

    def save(self, *args, **kwargs):
        raise RuntimeError("wizard uploads are stored as attachments, never here")

    open = delete = save


class ApplicationWizard(LoginRequiredMixin, NamedUrlWizardView):
    storage_name = "grants.applications.wizard.DraftStorage"
    file_storage = _UploadsAreAttachments()
    form_list = STEP_FORMS
    template_name = "grants/wizard_step.html"
    # "Your answers" only when the version of the questions the draft answers has any.
    condition_dict = {"answers": lambda wizard: bool(questions_of(wizard.application))}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        # A person back at their own draft (every save in a deadline rush): one query for the
        # call and the draft; the call alone first only for someone starting.
        own = application_own_by_call_slug(slug=kwargs["slug"], applicant=request.user)
        self.call = own.call if own else get_object_or_404(GrantCall, slug=kwargs["slug"])
        if not self.call.has_opened():
            messages.info(request, CallNotOpen.message)
            return redirect("grants:call_detail", slug=self.call.slug)
        self.application = own or application_joined_or_started(
            call=self.call, applicant=request.user
        )
        if not self.application.is_editable:
            messages.info(request, _("You have already submitted this application."))
            return redirect("grants:my_applications")
        request.draft_application = self.application
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request, *args, **kwargs):
        return f"application_{request.draft_application.pk}"

    def get_step_url(self, step):
        return reverse(self.url_name, kwargs={"slug": self.call.slug, "step": step})

    def get_form_kwargs(self, step=None):
        return {"call": self.call, "application": self.application, "user": self.request.user}

    def get_form_initial(self, step):
        """A step never saved in this wizard starts from the draft's answers."""
        if step == "answers":
            return {
                question.field_name: self.application.answers.get(question.name)
                for question in questions_of(self.application)
                if question.kind != "file"
            }
        if step == "budget":
            return [
                {"description": line.description, "category": line.category, "amount": line.amount}
                for line in self.application.budget_lines.all()
            ]
        stored = {field.name for field in Application._meta.concrete_fields}
        return {
            name: getattr(self.application, name) for name in forms_fields(step) if name in stored
        }

    def get(self, *args, **kwargs):
        step = kwargs.get("step")
        if step == self.done_step_name:
            # formtools submits on a GET of its "done" URL; a link must never submit.
            return redirect(self.get_step_url(STEPS[-1]))
        steps = self.steps.all
        if step in steps:
            first_open = self.first_incomplete_step()
            if steps.index(step) > steps.index(first_open):
                messages.info(self.request, _("Please finish this step first."))
                return redirect(self.get_step_url(first_open))
        return super().get(*args, **kwargs)

    def post(self, *args, **kwargs):
        posted_step = self.request.POST.get(f"{self.prefix}-current_step")
        goto = self.request.POST.get("wizard_goto_step")
        try:
            if goto is None and posted_step not in self.steps.all:
                raise SuspiciousOperation("unknown wizard step")
            if self.request.POST.get("save_later") and posted_step == self.steps.current:
                form = self.get_form(data=self.request.POST, files=self.request.FILES)
                if not form.is_valid():
                    return self._keep_what_was_typed(form)
            return super().post(*args, **kwargs)
        except SuspiciousOperation:
            # The hidden step field was missing or changed: show the step again, lose nothing.
            self.storage.discarded = True
            messages.error(self.request, _("Something went wrong with the form. Please try again."))
            return redirect(self.get_step_url(self.steps.current))
        except StaleDraft as error:
            self.storage.discarded = True
            messages.warning(self.request, error.message)
            return redirect(self.get_step_url(self.steps.current))
        except TooManyInvitations as error:
            # Nothing was saved: show the step again as it was typed, with the reason.
            self.storage.discarded = True
            form = self.get_form(data=self.request.POST, files=self.request.FILES)
            form.is_valid()
            form.add_error("co_applicants", error.message)
            return self.render(form)

    def _keep_what_was_typed(self, form):
        """Save and finish later on a half-filled step: nothing typed is lost. The answers that
        are valid on their own go to the draft (the title names it in "My applications"); all
        of what was typed waits in the wizard's state and is shown again, without errors, at
        the next visit. Validation waits for Continue and Submit."""
        step = self.steps.current
        valid = getattr(form, "cleaned_data", None) or {}
        self.application = application_save_step(
            application=self.application,
            step=step,
            data={name: valid[name] for name in STEP_FIELDS[step] if name in valid},
            version=_int(self.request.POST.get("draft_version")),
            actor=self.request.user,
            complete=False,
        )
        self.storage.set_step_data(step, self.get_form_step_data(form))
        self.storage.current_step = step
        response = self._saved_for_later()
        return response

    def render(self, form=None, **kwargs):
        if self.request.method == "GET" and form is not None and form.is_bound:
            step = self.steps.current
            if step not in self.application.completed_steps:
                _hide_errors(form)  # typed and saved for later: checked on Continue, not now
        return super().render(form, **kwargs)

    def first_incomplete_step(self) -> str:
        done = set(self.application.completed_steps)
        steps = self.steps.all
        return next((step for step in steps if step not in done), steps[-1])

    def render_next_step(self, form, **kwargs):
        if self.request.POST.get("save_later"):
            return self._saved_for_later()
        return super().render_next_step(form, **kwargs)

    def _saved_for_later(self):
        messages.success(
            self.request, _("Saved. You can finish your application later, on any device.")
        )
        return redirect("grants:my_applications")

    def get_form_step_data(self, form):
        data = form.data.copy()
        for key in NOT_STORED:
            data.pop(key, None)
        return data

    def process_step(self, form):
        step = self.steps.current
        data = self.get_form_step_data(form)
        if step == "budget":
            values = {"lines": form.lines}
        elif step == "team":
            values = {**form.cleaned_data}
        elif step == "review":
            values = {
                "declarations_accepted": form.cleaned_data["declaration"]
                and form.cleaned_data["consent"]
            }
        elif step == "answers":
            values = {"answers": form.cleaned_data["answers"]}
        elif step == "documents":
            values = {"attachment_ids": form.attachment_ids}
            data.setlist(f"{step}-keep", [str(pk) for pk in form.attachment_ids])
        else:
            values = form.cleaned_data
        # The wizard's state as formtools leaves it after this step, written in the step's own
        # statement: formtools sets the same step data and files again after this method, and
        # moves on to the next step unless this is the last or the person saves for later.
        self.storage.set_step_data(step, data)
        self.storage.set_step_files(step, {})
        stays = step == self.steps.last or self.request.POST.get("save_later")
        self.application = application_save_step(
            application=self.application,
            step=step,
            data=values,
            version=_int(self.request.POST.get("draft_version")),
            actor=self.request.user,
            wizard_state=self.storage.saved_with_step(step if stays else self.get_next_step()),
        )
        return data

    def process_step_files(self, form):
        # Uploads are already attachments in private storage; nothing for the wizard to keep.
        return {}

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        current = self.steps.current
        context.update(
            call=self.call,
            application=self.application,
            step_title=STEP_TITLES[current],
            step_number=self.steps.step1,
            step_count=self.steps.count,
            steps=[
                {
                    "name": name,
                    "title": STEP_TITLES[name],
                    "done": name in self.application.completed_steps,
                    "current": name == current,
                    "url": self.get_step_url(name),
                }
                for name in self.steps.all
            ],
            participation=can_participate(
                self.request.user, min_age=self.call.min_age, max_age=self.call.max_age
            ),
            # Staff asked for more: the answer may come after the deadline; show what they asked.
            call_closed=self.call.has_closed() and self.application.is_draft,
            request_for_information=(
                self.application.decisions.filter(outcome="more_info").last()
                if not self.application.is_draft
                else None
            ),
        )
        if current == "review":
            context["summary"] = application_summary(self.application)
        return context

    def done(self, form_list, **kwargs):
        try:
            application = application_submit(
                application=self.application,
                user=self.request.user,
                now=request_arrival(self.request),  # sent before the deadline: on time
            )
        except GrantError:
            # Refused: keep every answer (formtools resets its storage after done()).
            self.storage.discarded = True
            raise
        return self._submitted(application)

    def render_done(self, form, **kwargs):
        """Reached only from a valid POST of the last step (get() never calls it). Only the
        Submit button submits; "Save and finish later" (or any other POST) keeps the draft."""
        if self.request.method != "POST" or not self.request.POST.get(SUBMIT_BUTTON):
            return self._saved_for_later()
        try:
            # Submit in this POST, not after formtools' redirect to a GET of the done URL.
            return WizardView.render_done(self, form, **kwargs)
        except IncompleteApplication as error:
            for step, problems in error.problems.items():
                for problem in problems:
                    messages.error(self.request, f"{STEP_TITLES[step]}: {problem}")
            return redirect(self.get_step_url("review"))
        except GrantError as error:
            messages.error(self.request, error.message)
            return redirect(self.get_step_url("review"))

    def _submitted(self, application):
        messages.success(
            self.request,
            _("Thank you! Your application %(reference)s has been submitted.")
            % {"reference": application.reference},
        )
        return redirect("grants:my_applications")


def forms_fields(step: str) -> list[str]:
    form_class = FORMS[step]
    return list(getattr(form_class, "base_fields", {}))


def _hide_errors(form) -> None:
    """Show a bound form (or formset) with what was typed and no error messages."""
    if hasattr(form, "forms"):
        form._errors = [ErrorDict() for _ in form.forms]
        form._non_form_errors = ErrorList()
        for each in form.forms:
            each._errors = ErrorDict()
    else:
        form._errors = ErrorDict()


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
