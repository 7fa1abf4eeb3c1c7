"""Grants' kinds of a person's data: applications and their documents, reviews written, awards
and payments. Registered from GrantsConfig.ready (youthcities.privacy.registry).

Blind review and conflicts still hold in an export: an applicant's file names no reviewer and no
member of staff (a decision says what was decided and when, never by whom)."""

import datetime

from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.applications.models import Application, Attachment, BudgetLine, CoApplicant
from grants.awards.models import Award, Report
from grants.calls.models import GrantCall
from grants.calls.services import ranking_touch
from grants.conversations.models import Message, ReviewerComment
from grants.decisions.models import Decision
from grants.payments.models import ManualPayment, Tranche
from grants.review.models import CriterionScore, Review, ReviewAssignment
from youthcities.privacy.registry import (
    DataKind,
    Erasure,
    ExportFile,
    register,
    register_free_text,
)
from youthcities.privacy.retention import RULES, in_batches, register_purge
from youthcities.privacy.services import FORMER_MEMBER, delete_file_on_commit


def _iso(value):
    return value.isoformat() if value else None


def _money(value):
    return str(value) if value is not None else None


def _team_applications(user):
    emails = [user.email.lower()]
    return Application.objects.filter(
        Q(applicant=user) | Q(co_applicants__email__iexact=user.email)
    ).distinct(), emails


def _applications(user) -> list[dict]:
    applications, _emails = _team_applications(user)
    Decision = Application._meta.get_field("decisions").related_model
    rows = []
    for a in applications.select_related("call", "city").prefetch_related(
        "budget_lines", "attachments", "co_applicants", "decisions"
    ):
        own = a.applicant_id == user.pk
        rows.append(
            {
                "reference": a.reference,
                "call": a.call.title_en,
                "your_part": "applicant" if own else "co-applicant",
                "status": a.status_for_applicant,
                "city": a.city.name if a.city_id else None,
                "theme": a.theme,
                "group_kind": a.group_kind,
                "group_name": a.group_name,
                "organisation": a.organisation_name,
                "members": a.member_count,
                "lead_role": a.lead_role,
                "title": a.title,
                "summary": a.summary,
                "problem": a.problem,
                "audience": a.audience,
                "activities": a.activities,
                "timeline": a.timeline,
                "budget": [
                    {
                        "description": b.description,
                        "category": b.category,
                        "amount": _money(b.amount),
                    }
                    for b in a.budget_lines.all()
                ],
                "documents": [
                    {"kind": d.kind, "name": d.original_name, "size": d.size}
                    for d in a.attachments.all()
                ],
                "co_applicants": [c.email for c in a.co_applicants.all()] if own else [],
                # What was decided and when; never who decided, and a shortlist is internal.
                "decisions": [
                    {
                        "outcome": d.outcome,
                        "amount": _money(d.amount),
                        "message": d.message,
                        "when": _iso(d.decided_at),
                    }
                    for d in a.decisions.all()
                    if d.outcome != Decision.Outcome.SHORTLIST
                ],
                "started": _iso(a.created_at),
                "submitted": _iso(a.submitted_at),
                "withdrawn": _iso(a.withdrawn_at),
            }
        )
    return rows


def _application_files(user):
    for attachment in Attachment.objects.filter(uploaded_by=user).select_related("application"):
        folder = (
            (attachment.application.reference or f"draft-{attachment.application_id}")
            if (attachment.application_id)
            else "not-attached"
        )
        yield ExportFile(
            path=f"applications/{folder}/{attachment.pk}-{attachment.original_name}",
            open=lambda f=attachment.file: f.open("rb"),
        )


def _reviews(user) -> list[dict]:
    rows = [
        {
            "application": r.application.reference,
            "call": r.call.title_en,
            "status": r.status,
            "recommendation": r.recommendation,
            "comment": r.comment,
            "weighted_score": _money(r.weighted_score),
            "scores": [
                {"criterion": s.criterion.name_en, "score": s.score, "comment": s.comment}
                for s in r.scores.all()
            ],
            "submitted": _iso(r.submitted_at),
        }
        for r in Review.objects.filter(reviewer=user)
        .select_related("application", "call")
        .prefetch_related("scores__criterion")
    ]
    rows += [
        {
            "application": a.application.reference,
            "conflict_declared": a.state,
            "reason": a.conflict_reason,
            "declared": _iso(a.declared_at),
        }
        for a in ReviewAssignment.objects.filter(reviewer=user, declared_at__isnull=False)
        .exclude(conflict_reason="")
        .select_related("application")
    ]
    return rows


def _awards(user) -> list[dict]:
    return [
        {
            "application": award.application.reference,
            "amount": _money(award.amount),
            "currency": award.currency,
            "state": award.state,
            "payee_kind": award.payee_kind,
            "payee": award.payee_name,
            "payout_method": award.payout_method,
            "agreement_accepted": _iso(award.agreement_accepted_at),
            "tranches": [
                {
                    "number": t.position,
                    "amount": _money(t.amount),
                    "state": t.state,
                    "paid": _iso(t.paid_at),
                }
                for t in award.tranches.all()
            ],
            "reports": [
                {"kind": r.kind, "due": _iso(r.due_on), "state": r.state, "progress": r.progress}
                for r in award.reports.all()
            ],
        }
        for award in Award.objects.filter(grantee=user)
        .select_related("application")
        .prefetch_related("tranches", "reports")
    ]


def _blockers(user) -> list[str]:
    reasons = []
    for award in Award.objects.filter(grantee=user).exclude(state=Award.State.COMPLETED):
        reasons.append(
            _("Your award for %(reference)s is still open: it must be completed first.")
            % {"reference": award.application.reference}
        )
    in_flight = Tranche.objects.filter(award__grantee=user).filter(
        Q(state=Tranche.State.PROCESSING) | Q(manual_payments__state=ManualPayment.State.RECORDED)
    )
    if in_flight.exists():
        reasons.append(_("A payment to you is on its way: it must arrive first."))
    return reasons


def _applications_erase(erasure: Erasure) -> dict:
    user = erasure.user
    drafts = Application.objects.filter(applicant=user, status=Application.Status.DRAFT)
    uploads = Attachment.objects.filter(
        Q(application__in=drafts) | Q(uploaded_by=user, application__isnull=True)
    )
    for attachment in uploads:
        delete_file_on_commit(attachment.file)
    uploads.delete()
    deleted_drafts = drafts.delete()[0]
    # On someone else's application the person's address goes; the application stays.
    co = CoApplicant.objects.filter(email__iexact=erasure.email).update(
        email=erasure.placeholder_email
    )
    kept = Application.objects.filter(applicant=user).update(wizard_state={})
    return {"deleted": deleted_drafts, "co_applicant": co, "pseudonymised": kept}


def _awards_erase(erasure: Erasure) -> dict:
    """Awards and the ledger are kept for the legal period; the payee's name goes (a host
    organisation's stays: it is not the person's). The ledger names nobody but the award."""
    changed = (
        Award.objects.filter(grantee=erasure.user)
        .exclude(payee_kind=Award.PayeeKind.HOST_ORGANISATION)
        .update(payee_name=FORMER_MEMBER)
    )
    return {"pseudonymised": changed}


def register_free_texts() -> None:
    """Where people type what they like in grants' kept records (youthcities.privacy.registry):
    an erased person's legal name and addresses are rewritten there."""
    register_free_text(
        Application,
        "title",
        "group_name",
        "lead_role",
        "summary",
        "problem",
        "audience",
        "activities",
        "timeline",
        "answers",
    )
    register_free_text(BudgetLine, "description")
    register_free_text(Message, "body")
    register_free_text(ReviewerComment, "body")
    register_free_text(Review, "comment")
    register_free_text(CriterionScore, "comment")
    register_free_text(ReviewAssignment, "conflict_reason", "override_reason")
    register_free_text(Decision, "message", "letter")
    register_free_text(Report, "progress", "staff_comment")
    register_free_text(ManualPayment, "reason")


def register_kinds() -> None:
    register_free_texts()
    register(
        DataKind(
            key="applications",
            label=gettext_lazy("Grant applications and documents"),
            description=gettext_lazy(
                "Your applications (and those you are a co-applicant on), their budgets, "
                "documents and decisions."
            ),
            order=20,
            count=lambda user: _team_applications(user)[0].count(),
            export=_applications,
            files=_application_files,
            goes=gettext_lazy("Your draft applications and their documents."),
            stays=gettext_lazy(
                "Submitted applications stay for the legal period; on other people's "
                "applications your name goes."
            ),
            erase=_applications_erase,
        )
    )
    register(
        DataKind(
            key="reviews",
            label=gettext_lazy("Reviews you wrote"),
            description=gettext_lazy("Your scores, comments and declared conflicts as a reviewer."),
            order=30,
            count=lambda user: Review.objects.filter(reviewer=user).count(),
            export=_reviews,
            stays=gettext_lazy("Reviews you wrote stay, under “Former member”."),
        )
    )
    register(
        DataKind(
            key="awards",
            label=gettext_lazy("Awards and payments"),
            description=gettext_lazy("Your grants, their tranches, payments and reports."),
            order=40,
            count=lambda user: Award.objects.filter(grantee=user).count(),
            export=_awards,
            stays=gettext_lazy(
                "Awards, payments and the ledger stay for 7 years, under “Former member”."
            ),
            blockers=_blockers,
            erase=_awards_erase,
        )
    )


# The retention table's rows that are grants' (youthcities/privacy/retention.py).


def _delete_applications(batch) -> None:
    # Deleted reviews move their reviewers' averages: those calls' rankings are refreshed.
    ranked = set(batch.exclude(status=Application.Status.DRAFT).values_list("call_id", flat=True))
    for attachment in Attachment.objects.filter(application__in=batch):
        delete_file_on_commit(attachment.file)
    Attachment.objects.filter(application__in=batch).delete()
    batch.delete()
    for call_id in sorted(ranked):
        ranking_touch(call_id, whole=True)


def purge_abandoned_drafts(now, *, dry_run=False, limit=None) -> int:
    drafts = Application.objects.filter(
        status=Application.Status.DRAFT,
        call__closes_at__lt=now - RULES["abandoned_drafts"].period,
    )
    return in_batches(drafts, _delete_applications, dry_run=dry_run, limit=limit)


def declined_expired(now):
    """Declined applications whose call's period (in months) has passed since the decision."""
    declined = Application.objects.filter(status=Application.Status.DECLINED).annotate(
        decided=Coalesce(Max("decisions__decided_at"), "updated_at")
    )
    expired = Q(pk__in=[])
    for call_id, months in (
        GrantCall.objects.filter(applications__status=Application.Status.DECLINED)
        .distinct()
        .values_list("pk", "declined_retention_months")
    ):
        cutoff = now - datetime.timedelta(days=round(months * 365.25 / 12))
        expired |= Q(call_id=call_id, decided__lt=cutoff)
    return declined.filter(expired)


def purge_declined_applications(now, *, dry_run=False, limit=None) -> int:
    return in_batches(declined_expired(now), _delete_applications, dry_run=dry_run, limit=limit)


def purge_old_awards(now, *, dry_run=False, limit=None) -> int:
    """After 7 years the payee's name goes from the award; the ledger names only the award."""
    old = (
        Award.objects.filter(created_at__lt=now - RULES["ledger_and_awards"].period)
        .exclude(payee_kind=Award.PayeeKind.HOST_ORGANISATION)
        .exclude(payee_name=FORMER_MEMBER)
    )
    return in_batches(
        old, lambda b: b.update(payee_name=FORMER_MEMBER), dry_run=dry_run, limit=limit
    )


def register_purges() -> None:
    register_purge("abandoned_drafts", purge_abandoned_drafts)
    register_purge("declined_applications", purge_declined_applications)
    register_purge("ledger_and_awards", purge_old_awards)
