"""Review and decision services: assigning reviewers, conflicts of interest, scoring, the
rubric lock, and staff decisions. Each change is one function, in a transaction, audited."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast, NullIf
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.applications.lifecycle import IN_REVIEW
from grants.applications.models import Application
from grants.calls.models import GrantCall, RubricCriterion
from grants.calls.services import ranking_touch
from grants.calls.signals import rubric_saved
from grants.errors import GrantError, NotAllowed
from grants.permissions import require_role
from grants.review.models import CriterionScore, Review, ReviewAssignment
from youthcities.accounts.roles import PROGRAMME_STAFF, REVIEWER
from youthcities.accounts.selectors import has_role, users_with_role
from youthcities.audit.services import audit_record
from youthcities.notify import notify

State = ReviewAssignment.State


class ReviewClosed(GrantError):
    message = gettext_lazy("The review of this call has closed: scores can no longer change.")


class InvalidScores(GrantError):
    def __init__(self, problems: dict[int, str]):
        self.problems = problems  # criterion id → message
        super().__init__(_("Some scores need correcting."))


def rubric_changed(*, call: GrantCall, actor) -> None:
    """After staff saved the rubric: lock it again and re-score the submitted reviews."""
    with transaction.atomic():
        Review.objects.filter(
            assignment__application__call=call, status=Review.Status.SUBMITTED
        ).update(weighted_score=_weighted_score())
        if call.rubric_unlocked_at is not None:
            GrantCall.objects.filter(pk=call.pk).update(rubric_unlocked_at=None)
            audit_record(actor=actor, action="rubric.changed", target=call)
        ranking_touch(call.pk, whole=True)  # every weighted score, so every z-score, moved


@receiver(rubric_saved)
def _rescore_when_rubric_saved(sender, call, actor, **kwargs):
    rubric_changed(call=call, actor=actor)


def _weighted_score():
    """Σ weight × score / Σ weight over a review's scored criteria, in the database. N/A
    (no score) is left out of both sums: it never counts as zero."""
    scored = (
        CriterionScore.objects.filter(review=OuterRef("pk"), score__isnull=False)
        .values("review")
        .annotate(
            # A float division: SQLite would divide whole numbers as integers (7 / 2 = 3).
            value=ExpressionWrapper(
                Sum(F("score") * F("criterion__weight"), output_field=DecimalField())
                / Cast(NullIf(Sum("criterion__weight"), Decimal(0)), FloatField()),
                output_field=FloatField(),
            )
        )
        .values("value")
    )
    return Subquery(scored, output_field=DecimalField(max_digits=7, decimal_places=3))


# --- Assignment ------------------------------------------------------------------------------


def _exclusion_reason(application: Application, reviewer) -> str | None:
    """Why this person may not review this application, or None."""
    if reviewer.pk == application.applicant_id:
        return _("the reviewer is the applicant")
    emails = {c.email.lower() for c in application.co_applicants.all()}
    if reviewer.email.lower() in emails:
        return _("the reviewer is a co-applicant")
    return None


def assignment_create(
    *, application: Application, reviewer, actor, due_at=None
) -> ReviewAssignment:
    require_role(actor, PROGRAMME_STAFF)
    if not has_role(reviewer, REVIEWER):
        raise NotAllowed(_("%(name)s is not a reviewer.") % {"name": reviewer.display_name})
    if application.status not in IN_REVIEW:
        raise NotAllowed(_("Only submitted applications can be reviewed."))
    reason = _exclusion_reason(application, reviewer)
    if reason:
        raise NotAllowed(_("Not assigned: %(reason)s.") % {"reason": reason})
    with transaction.atomic():
        if ReviewAssignment.objects.filter(application=application, reviewer=reviewer).exists():
            raise NotAllowed(_("This reviewer is already assigned to this application."))
        assignment = ReviewAssignment.objects.create(
            application=application,
            reviewer=reviewer,
            assigned_by=actor,
            due_at=due_at or application.call.review_closes_at,
        )
        ranking_touch(application.call_id)
        _tell_reviewers({reviewer.pk: 1}, application.call)
        audit_record(
            actor=actor,
            action="review.assigned",
            target=assignment,
            data={"application": application.pk, "reviewer": reviewer.pk},
        )
    return assignment


def _tell_reviewers(counts: dict[int, int], call: GrantCall) -> None:
    """One email per reviewer: how many new applications wait for them, and where."""
    from youthcities.accounts.models import User

    for reviewer in User.objects.filter(pk__in=counts):
        notify(
            [reviewer],
            "grants/email/assigned",
            {"call": call, "count": counts[reviewer.pk]},
            link=("grants_review:dashboard", []),
        )


@dataclass
class AssignmentReport:
    created: int = 0
    complete: int = 0  # applications that now have their k reviewers
    shortfalls: list[tuple[Application, str]] = field(default_factory=list)


def assignments_auto(*, call: GrantCall, actor, per_application: int | None = None):
    """Give every application under review its k reviewers, the least loaded first, never the
    applicant, a co-applicant or someone who declared a conflict. Reports what it could not do."""
    require_role(actor, PROGRAMME_STAFF)
    k = per_application or call.reviewers_per_application
    report = AssignmentReport()
    with transaction.atomic():
        # Lock the call: two staff pressing the button at once do not double-assign.
        GrantCall.objects.select_for_update().get(pk=call.pk)
        reviewers = _reviewers_with_load(call)
        load = {r.pk: r.load for r in reviewers}
        applications = (
            call.applications.filter(status__in=IN_REVIEW)
            .prefetch_related("co_applicants", "assignments")
            .order_by("reference")
        )
        new = []
        for application in applications:
            active, chosen = _reviewers_to_add(application, reviewers, load, k)
            for reviewer in chosen:
                load[reviewer.pk] += 1
                new.append(
                    ReviewAssignment(
                        application=application,
                        call=call,
                        reviewer=reviewer,
                        assigned_by=actor,
                        due_at=call.review_closes_at,
                    )
                )
            _report_application(report, application, have=active + len(chosen), k=k)
        ReviewAssignment.objects.bulk_create(new)
        ranking_touch(call.pk)
        counts = {}
        for assignment in new:
            counts[assignment.reviewer_id] = counts.get(assignment.reviewer_id, 0) + 1
        _tell_reviewers(counts, call)
        report.created = len(new)
        audit_record(
            actor=actor,
            action="review.assigned_automatically",
            target=call,
            data={
                "per_application": k,
                "created": report.created,
                "short": [a.reference for a, _reason in report.shortfalls],
            },
        )
    return report


def _reviewers_with_load(call: GrantCall) -> list:
    """Every reviewer, with the number of the call's applications they hold (conflicts left
    out)."""
    return list(
        users_with_role(REVIEWER)
        .annotate(
            load=Count(
                "review_assignments",
                filter=Q(review_assignments__application__call=call)
                & ~Q(review_assignments__state=State.CONFLICTED),
            )
        )
        .order_by("pk")
    )


def _reviewers_to_add(application: Application, reviewers, load, k: int):
    """How many active reviewers the application has, and the least loaded eligible ones to
    add so that it has k."""
    taken = {a.reviewer_id for a in application.assignments.all()}
    active = sum(1 for a in application.assignments.all() if a.state != State.CONFLICTED)
    eligible = [
        r for r in reviewers if r.pk not in taken and _exclusion_reason(application, r) is None
    ]
    eligible.sort(key=lambda r: (load[r.pk], r.pk))
    return active, eligible[: max(k - active, 0)]


def _report_application(report: AssignmentReport, application: Application, *, have, k) -> None:
    if have >= k:
        report.complete += 1
        return
    report.shortfalls.append(
        (
            application,
            _(
                "%(have)d of %(k)d reviewers: no other reviewer is free of a "
                "conflict or a link to the application."
            )
            % {"have": have, "k": k},
        )
    )


def assignment_declare(
    *, assignment: ReviewAssignment, reviewer, conflict: bool, reason: str = ""
) -> ReviewAssignment:
    """The reviewer's declaration: no conflict opens the application to them; a conflict
    releases the assignment and tells programme staff."""
    if assignment.reviewer_id != reviewer.pk:
        raise NotAllowed()
    if conflict and not reason.strip():
        raise NotAllowed(_("Say briefly what the conflict is."))
    with transaction.atomic():
        current = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        if current.state != State.PENDING:
            return current  # declared already (a second click, a second tab)
        current.state = State.CONFLICTED if conflict else State.ACCEPTED
        current.conflict_reason = reason.strip() if conflict else ""
        current.declared_at = timezone.now()
        current.save(update_fields=["state", "conflict_reason", "declared_at"])
        ranking_touch(current.call_id, applications=[current.application_id])
        audit_record(
            actor=reviewer,
            action="review.conflict_declared" if conflict else "review.no_conflict_declared",
            target=current,
            data={"reason": current.conflict_reason} if conflict else {},
        )
        if conflict:
            application = current.application
            notify(
                users_with_role(PROGRAMME_STAFF),
                "grants/email/conflict",
                {"assignment": current, "application": application},
                link=("grants_review_admin:assign", [application.call_id]),
            )
    return current


def assignment_override(*, assignment: ReviewAssignment, actor, reason: str) -> ReviewAssignment:
    """Staff let a reviewer score despite a declared conflict; the reason is kept."""
    require_role(actor, PROGRAMME_STAFF)
    if not reason.strip():
        raise NotAllowed(_("Give a reason for the override."))
    with transaction.atomic():
        current = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        if current.state != State.CONFLICTED:
            raise NotAllowed(_("Only a declared conflict can be overridden."))
        current.state = State.OVERRIDDEN
        current.override_reason = reason.strip()
        current.save(update_fields=["state", "override_reason"])
        ranking_touch(current.call_id, applications=[current.application_id])
        audit_record(
            actor=actor,
            action="review.conflict_overridden",
            target=current,
            data={"reason": reason},
        )
    return current


# --- Scoring ---------------------------------------------------------------------------------


@dataclass
class ScoreInput:
    score: int | None = None
    not_applicable: bool = False
    comment: str = ""


def _check_scores(
    criteria: list[RubricCriterion], scores: dict[int, ScoreInput], complete: bool
) -> dict[int, str]:
    problems = {}
    for criterion in criteria:
        given = scores.get(criterion.pk)
        if given is None or (given.score is None and not given.not_applicable):
            if complete:
                problems[criterion.pk] = _("Give a score.")
            continue
        if given.not_applicable:
            if not criterion.allow_not_applicable:
                problems[criterion.pk] = _("“Not applicable” is not allowed here.")
            continue
        if not criterion.scale_min <= given.score <= criterion.scale_max:
            problems[criterion.pk] = _("Give a score from %(low)d to %(high)d.") % {
                "low": criterion.scale_min,
                "high": criterion.scale_max,
            }
    return problems


def review_save(
    *,
    assignment: ReviewAssignment,
    reviewer,
    scores: dict[int, ScoreInput],
    recommendation: str = "",
    comment: str = "",
    submit: bool = False,
    now=None,
) -> Review:
    """Save a reviewer's scores as a draft, or submit them. Editable, submitted or not, until
    the call's review closes. Sending the same form twice changes nothing."""
    now = now or timezone.now()
    if assignment.reviewer_id != reviewer.pk:
        raise NotAllowed()
    with transaction.atomic():
        current = _lock_scorable(assignment, now)
        call = current.application.call
        criteria = list(call.criteria.all())
        problems = _check_scores(criteria, scores, complete=submit)
        if submit and recommendation not in Review.Recommendation.values:
            problems[0] = _("Choose a recommendation.")
        if problems:
            raise InvalidScores(problems)
        review, _created = Review.objects.get_or_create(assignment=current)
        _scores_store(review, criteria, scores)
        review.recommendation = recommendation
        review.comment = comment.strip()
        was_submitted = review.status == Review.Status.SUBMITTED
        if submit or was_submitted:
            review.weighted_score = _weighted_score_of(review)
            review.status = Review.Status.SUBMITTED
            review.submitted_at = review.submitted_at or now
        review.save()
        if review.status == Review.Status.SUBMITTED:  # the reviewer's average moved too
            ranking_touch(call.pk, applications=[current.application_id], reviewers=[reviewer.pk])
        audit_record(
            actor=reviewer,
            action="review.submitted" if submit and not was_submitted else "review.saved",
            target=review,
            data={"status": review.status},
        )
    return review


def _lock_scorable(assignment: ReviewAssignment, now) -> ReviewAssignment:
    """The assignment, locked, while its reviewer may score: no conflict, the application
    under review, the call's review open."""
    current = (
        ReviewAssignment.objects.select_for_update()
        .select_related("application__call")
        .get(pk=assignment.pk)
    )
    application = current.application
    if not current.can_score or application.status not in IN_REVIEW:
        raise NotAllowed()
    if not application.call.review_is_open(now):
        raise ReviewClosed()
    return current


def _scores_store(review: Review, criteria, scores: dict[int, ScoreInput]) -> None:
    """One score row per criterion given (a blank criterion loses its row)."""
    for criterion in criteria:
        given = scores.get(criterion.pk)
        if given is None or (given.score is None and not given.not_applicable):
            review.scores.filter(criterion=criterion).delete()
            continue
        CriterionScore.objects.update_or_create(
            review=review,
            criterion=criterion,
            defaults={
                "score": None if given.not_applicable else given.score,
                "comment": given.comment.strip(),
            },
        )


def _weighted_score_of(review: Review):
    """The review's weighted score from its stored rows; a review needs at least one."""
    value = (
        Review.objects.filter(pk=review.pk)
        .annotate(value=_weighted_score())
        .values_list("value", flat=True)
        .get()
    )
    if value is None:
        raise InvalidScores({0: _("Score at least one criterion that has a weight.")})
    return value
