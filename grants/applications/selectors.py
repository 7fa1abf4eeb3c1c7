"""Reads of applications: a person's own, who may see one, what a blind reviewer may not,
the read-back summary, and the funded projects public pages show (never who applied)."""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Lower
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from grants.applications.models import Application, Attachment, CoApplicant
from grants.calls.questions import Kind, Question, is_blank, shown_questions
from youthcities.accounts.models import User
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.accounts.selectors import has_role, verified_emails_of
from youthcities.money import format_money


def applications_of(user) -> QuerySet[Application]:
    """The person's applications with the decisions they are told of (a shortlist is internal)."""
    # Decisions sit a floor above: reached through the relation, not imported.
    Decision = Application._meta.get_field("decisions").related_model
    told = Decision.objects.exclude(outcome=Decision.Outcome.SHORTLIST).order_by("decided_at")
    return (
        Application.objects.filter(applicant=user)
        .select_related("call", "award")
        .prefetch_related(Prefetch("decisions", queryset=told, to_attr="told_decisions"))
        .annotate(total=Sum("budget_lines__amount"))
        .order_by("-updated_at")
    )


def co_applicant_invitations(user) -> QuerySet[CoApplicant]:
    """The invitations that let this person work on a draft as co-applicant: those sent to one
    of their *verified* addresses (signing up with an invited address proves nothing)."""
    return CoApplicant.objects.annotate(address=Lower("email")).filter(
        address__in=verified_emails_of(user)
    )


def is_on_the_team(user, application: Application) -> bool:
    """The applicant or an invited co-applicant (by a verified address)."""
    if not user.is_authenticated:
        return False
    return (
        application.applicant_id == user.pk
        or co_applicant_invitations(user).filter(application=application).exists()
    )


def team_members(application: Application) -> list[User]:
    """The applicant and the co-applicants who hold an account under a verified invited
    address: the people a staff message is emailed to."""
    return teams_of([application])[application.pk]


def teams_of(applications) -> dict[int, list[User]]:
    """`team_members` of many applications at once, in three queries whatever their number (the
    draft reminders before a deadline ask for hundreds)."""
    applications = list(applications)
    invited = (
        CoApplicant.objects.filter(application__in=applications)
        .annotate(address=Lower("email"))
        .values_list("application_id", "address")
    )
    by_address: dict[str, set[int]] = {}
    for application_id, address in invited:
        by_address.setdefault(address, set()).add(application_id)
    holders = (
        EmailAddress.objects.annotate(address=Lower("email"))
        .filter(verified=True, address__in=list(by_address), user__is_active=True)
        .select_related("user")
    )
    teams: dict[int, dict[int, User]] = {application.pk: {} for application in applications}
    for holder in holders:
        for application_id in by_address[holder.address]:
            teams[application_id][holder.user.pk] = holder.user
    applicants = {  # the applicants already read with their applications cost no query
        application.applicant_id: application.applicant
        for application in applications
        if Application.applicant.is_cached(application)
    }
    missing = {application.applicant_id for application in applications} - set(applicants)
    if missing:
        applicants.update(User.objects.in_bulk(missing))
    for application in applications:
        applicant = applicants.get(application.applicant_id)
        if applicant is not None and applicant.is_active:
            teams[application.pk] = {applicant.pk: applicant, **teams[application.pk]}
    return {pk: list(members.values()) for pk, members in teams.items()}


def application_visible_to(user, application: Application) -> bool:
    """The applicant team, programme staff and assigned reviewers without a conflict may see an
    application."""
    if not user.is_authenticated:
        return False
    if is_on_the_team(user, application):
        return True
    if has_role(user, PROGRAMME_STAFF):
        return True
    # An assigned reviewer without a conflict (a blind call's documents carry no names).
    # (Assignments sit a floor above, in review: reached through the relation.)
    assignments = application.assignments
    return assignments.filter(reviewer=user, state__in=assignments.model.SCORING_STATES).exists()


def attachments_for_step(*, application: Application, user) -> QuerySet[Attachment]:
    """What the documents step lists as kept: every document of the draft, whoever of its team
    uploaded it, and the person's own uploads not yet attached."""
    return (
        Attachment.objects.filter(
            Q(application=application) | Q(application__isnull=True, uploaded_by=user)
        )
        .exclude(kind=Attachment.Kind.ANSWER)  # a question's file is kept on "Your answers"
        .order_by("created_at", "pk")
    )


def identity_hidden_from(user, application: Application) -> bool:
    """On a blind call everyone but the applicant's team and programme staff (the reviewers)
    sees no identity: no name, group, organisation or contact, not even in a file's name."""
    if not application.call.blind_review:
        return False
    if application.applicant_id == user.pk or has_role(user, PROGRAMME_STAFF):
        return False
    return not co_applicant_invitations(user).filter(application=application).exists()


def document_names(user, application: Application, documents=None) -> dict[int, str]:
    """The name each of the application's documents is shown and downloaded under, by id: the
    uploaded name, or on a blind call for reviewers a neutral one ("Letter of support 2.pdf")."""
    documents = list(application.attachments.all() if documents is None else documents)
    if not identity_hidden_from(user, application):
        return {document.pk: document.original_name for document in documents}
    names = {}
    for number, document in enumerate(documents, start=1):
        extension = (
            document.original_name.rsplit(".", 1)[-1] if "." in document.original_name else ""
        )
        stem = _("%(kind)s %(number)d") % {"kind": document.get_kind_display(), "number": number}
        names[document.pk] = f"{stem}.{extension}" if extension else stem
    return names


def questions_of(application: Application) -> list[Question]:
    """The questions this application answers: the version it started with."""
    version = application.questions_version
    return version.questions if version is not None else []


def answer_rows(application: Application, *, hide_identifying: bool = False) -> list[dict]:
    """The call's own questions that apply to this application (by their conditions) with the
    answers, in the reader's language. `hide_identifying` leaves out what names the applicant
    (a blind reviewer's page and exports)."""
    answers = application.answers or {}
    rows = []
    for question in shown_questions(questions_of(application), answers):
        if hide_identifying and question.identifying:
            continue
        value = answers.get(question.name)
        rows.append(
            {
                "name": question.name,
                "label": question.label,
                "text": answer_text(question, value, application.call.currency),
                "attachment": value.get("attachment") if isinstance(value, dict) else None,
            }
        )
    return rows


def answer_text(question: Question, value, currency: str) -> str:
    if is_blank(value):
        return "—"
    if question.kind == Kind.YES_NO:
        return _("Yes") if value == "yes" else _("No")
    if question.kind in Kind.CHOICES:
        values = value if isinstance(value, list) else [value]
        return ", ".join(question.choice_label(v) for v in values)
    if question.kind == Kind.AMOUNT:
        return format_money(Decimal(value), currency)
    if question.kind == Kind.DATE:
        return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    if question.kind == Kind.FILE:
        return value.get("name", "")
    return str(value)


def answers_as_text(application: Application, *, hide_identifying: bool = False) -> str:
    """One cell of an export: "Question: answer" per line."""
    rows = answer_rows(application, hide_identifying=hide_identifying)
    return "\n".join(f"{row['label']}: {row['text']}" for row in rows)


def application_summary(application: Application) -> list[dict]:
    """Every answer, grouped by step, for the "check and submit" page."""
    call = application.call
    lines = list(application.budget_lines.all())
    total = sum((line.amount for line in lines), start=0)
    sections = [
        {
            "step": "eligibility",
            "title": _("Eligibility"),
            "rows": [
                (_("City"), application.city.local_name if application.city_id else ""),
                (_("Kind of group"), application.get_group_kind_display()),
                (_("Theme"), application.get_theme_display()),
            ],
        },
        {
            "step": "team",
            "title": _("Team"),
            "rows": [
                (_("Group"), application.group_name),
                (_("Organisation"), application.organisation_name or "—"),
                (_("Members"), application.member_count or ""),
                (_("Your role"), application.lead_role),
                (
                    _("Co-applicants"),
                    ", ".join(application.co_applicants.values_list("email", flat=True)) or "—",
                ),
            ],
        },
        {
            "step": "project",
            "title": _("Project"),
            "rows": [
                (
                    Application._meta.get_field(name).verbose_name.capitalize(),
                    getattr(application, name),
                )
                for name in ["title", "summary", "problem", "audience", "activities", "timeline"]
            ],
        },
        {
            "step": "budget",
            "title": _("Budget"),
            "rows": [
                (
                    f"{line.description} ({line.get_category_display()})",
                    format_money(line.amount, call.currency),
                )
                for line in lines
            ]
            + [(_("Total"), format_money(total, call.currency))],
        },
        {
            "step": "documents",
            "title": _("Documents"),
            "rows": [
                (a.get_kind_display(), a.original_name)
                for a in application.attachments.all()
                if a.kind != Attachment.Kind.ANSWER
            ]
            or [(_("Documents"), "—")],
        },
    ]
    answers = answer_rows(application)
    if answers:
        sections.insert(
            3,
            {
                "step": "answers",
                "title": _("Your answers"),
                "rows": [(row["label"], row["text"]) for row in answers],
            },
        )
    return sections


def application_timeline(application: Application) -> list[dict]:
    """What the applicant sees of their application's way: submitted, in review, decided, each
    with its date, or without one while it has not happened. A shortlist is internal; who
    reviews is never said."""
    if application.submitted_at is None:
        return []
    Decision = Application._meta.get_field("decisions").related_model
    assignments = application.assignments
    in_review = (
        assignments.exclude(state=assignments.model.State.CONFLICTED)
        .order_by("assigned_at")
        .first()
    )
    told = list(
        application.decisions.exclude(outcome=Decision.Outcome.SHORTLIST).order_by("decided_at")
    )
    events = [
        {"code": "submitted", "label": _("Submitted"), "at": application.submitted_at},
        {
            "code": "in_review",
            "label": _("In review"),
            "at": in_review.assigned_at if in_review else None,
        },
    ]
    for decision in told:
        if decision.outcome == Decision.Outcome.MORE_INFO:
            events.append(
                {
                    "code": "more_info",
                    "label": _("More information requested"),
                    "at": decision.decided_at,
                }
            )
    final = next((d for d in reversed(told) if d.outcome != Decision.Outcome.MORE_INFO), None)
    events.append(
        {
            "code": final.outcome if final else "decided",
            "label": _final_label(final.outcome) if final else _("Decided"),
            "at": final.decided_at if final else None,
        }
    )
    if final is None and application.status == Application.Status.WITHDRAWN:
        events[-1] = {"code": "withdrawn", "label": _("Withdrawn"), "at": application.withdrawn_at}
    return events


def _final_label(outcome: str) -> str:
    return _("Not selected") if outcome == Application.Status.DECLINED else _("Approved")


def funded_projects_in(city_id: int) -> list[dict]:
    """Approved projects of a city, for public pages: the project, the call and the grant; never
    who applied."""
    return [
        {
            "pk": application.pk,
            "title": application.title,
            "call": application.call.title,
            "amount": format_money(application.awarded_amount, application.call.currency),
        }
        for application in Application.objects.filter(
            city_id=city_id, status=Application.Status.APPROVED
        ).select_related("call")
    ]


def funded_project_choices() -> list[tuple[str, str]]:
    """Funded projects to link a campaign to, as (id, "reference: title")."""
    return [
        (str(pk), f"{reference}: {title}")
        for pk, reference, title in Application.objects.filter(
            status=Application.Status.APPROVED
        ).values_list("pk", "reference", "title")
    ]


def funded_project(pk) -> dict | None:
    """A funded project for public pages: its title and call; never who applied."""
    application = (
        Application.objects.filter(pk=pk, status=Application.Status.APPROVED)
        .select_related("call")
        .first()
    )
    if application is None:
        return None
    return {"title": application.title, "call": application.call, "city_id": application.city_id}


def funded_projects_from(workshop_id: int) -> list[dict]:
    """Approved projects that came from a lab or workshop, for its public page."""
    return [
        {"title": application.title, "call": application.call}
        for application in Application.objects.filter(
            workshop_id=workshop_id, status=Application.Status.APPROVED
        ).select_related("call")
    ]


def funded_projects_serving(commitment_ids) -> dict[int, list[dict]]:
    """Approved projects serving each of these commitments, by commitment."""
    serving: dict[int, list[dict]] = {}
    for application in Application.objects.filter(
        serves_id__in=list(commitment_ids), status=Application.Status.APPROVED
    ).select_related("call"):
        serving.setdefault(application.serves_id, []).append(
            {"title": application.title, "call": application.call}
        )
    return serving


def applications_submitted_count() -> int:
    """Every application sent to a call, whatever became of it (drafts not counted)."""
    return Application.objects.exclude(status=Application.Status.DRAFT).count()
