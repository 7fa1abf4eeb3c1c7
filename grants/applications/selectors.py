"""Reads of applications: a person's own, who may see one, what a blind reviewer may not,
the read-back summary, and the funded projects public pages show (never who applied)."""

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from grants.applications.models import Application, Attachment, CoApplicant
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
    return Attachment.objects.filter(
        Q(application=application) | Q(application__isnull=True, uploaded_by=user)
    ).order_by("created_at", "pk")


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


def application_summary(application: Application) -> list[dict]:
    """Every answer, grouped by step, for the "check and submit" page."""
    call = application.call
    lines = list(application.budget_lines.all())
    total = sum((line.amount for line in lines), start=0)
    return [
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
            "rows": [(a.get_kind_display(), a.original_name) for a in application.attachments.all()]
            or [(_("Documents"), "—")],
        },
    ]


def funded_projects_in(city_id: int) -> list[dict]:
    """Approved projects of a city, for public pages: the project, the call and the grant; never
    who applied."""
    return [
        {
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
    return {"title": application.title, "call": application.call}


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
