"""The application's rules in one place: its steps and the fields each writes, and what a
complete application needs, checked on the stored draft (the wizard checks the same per step;
submission checks again, so nothing half-saved can be submitted). Whether a call takes
applications is `GrantCall.is_open` / `has_opened` / `has_closed`."""

from dataclasses import dataclass

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.applications.models import Application
from grants.applications.selectors import questions_of
from grants.calls.eligibility import group_kind_refused, outside_cities, team_too_small
from grants.calls.questions import MISSING, is_blank, shown_questions
from youthcities.money import minor_units


@dataclass(frozen=True)
class Step:
    name: str
    title: str  # lazy: read in the visitor's language when shown
    fields: tuple[str, ...]  # what the step writes to the draft


# The wizard's steps, in order: the one table the wizard, the services and the demo read.
STEP_LIST = (
    Step("eligibility", gettext_lazy("Eligibility"), ("city", "group_kind", "theme")),
    Step(
        "team",
        gettext_lazy("Team"),
        ("group_name", "organisation_name", "member_count", "lead_role"),
    ),
    Step(
        "project",
        gettext_lazy("Project"),
        ("title", "summary", "problem", "audience", "activities", "timeline"),
    ),
    # Only when the call has its own questions (see the wizard's condition).
    Step("answers", gettext_lazy("Your answers"), ("answers",)),
    Step("budget", gettext_lazy("Budget"), ()),
    Step("documents", gettext_lazy("Documents"), ()),
    Step("review", gettext_lazy("Check and submit"), ("declarations_accepted",)),
)
STEPS = [step.name for step in STEP_LIST]
STEP_FIELDS = {step.name: list(step.fields) for step in STEP_LIST}
STEP_TITLES = {step.name: step.title for step in STEP_LIST}

REQUIRED_TEXT = {
    "team": ["group_name", "lead_role"],
    "project": ["title", "summary", "problem", "audience", "activities", "timeline"],
}


def application_problems(application: Application) -> dict[str, list[str]]:
    call = application.call
    problems: dict[str, list[str]] = {}

    def add(step, message):
        problems.setdefault(step, []).append(message)

    if application.city_id is None:
        add("eligibility", _("Choose your city."))
    elif outside := outside_cities(call, application.city_id):
        add("eligibility", outside)
    if refused := group_kind_refused(call, application.group_kind):
        add("eligibility", refused)
    if call.themes and application.theme not in call.themes:
        add("eligibility", _("Choose one of the call's themes."))
    for step, fields in REQUIRED_TEXT.items():
        for field in fields:
            if not getattr(application, field):
                label = Application._meta.get_field(field).verbose_name
                add(step, _("“%(field)s” is missing.") % {"field": label})
    too_small = team_too_small(call, application.member_count)
    if not application.member_count:
        add("team", _("Give the number of members."))
    elif too_small:
        add("team", too_small)
    lines = list(application.budget_lines.all())
    if not lines:
        add("budget", _("Add at least one budget line."))
    digits = minor_units(call.currency)
    for line in lines:
        if line.amount <= 0 or line.amount != round(line.amount, digits):
            add("budget", _("Check the amount of “%(line)s”.") % {"line": line.description})
    total = application.budget_lines.aggregate(total=Sum("amount"))["total"] or 0
    if total > call.max_amount:
        add("budget", _("The total is above the call's maximum."))
    for question in shown_questions(questions_of(application), application.answers or {}):
        if question.required and is_blank((application.answers or {}).get(question.name)):
            add("answers", MISSING % {"question": question.label})
    if not application.declarations_accepted:
        add("review", _("Please confirm the declarations."))
    return problems
