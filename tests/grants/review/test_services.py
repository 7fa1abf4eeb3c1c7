import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db.models import ProtectedError
from django.utils import timezone

from grants.applications.models import Application, CoApplicant
from grants.applications.services import application_save_step, application_submit
from grants.calls.selectors import rubric_is_locked
from grants.calls.services import rubric_unlock
from grants.decisions.models import Decision
from grants.decisions.services import BadAmount, application_decide
from grants.errors import NotAllowed
from grants.review.models import Review, ReviewAssignment
from grants.review.selectors import RankingFilters, call_calibration, call_ranking, review_progress
from grants.review.services import (
    InvalidScores,
    ReviewClosed,
    ScoreInput,
    assignment_create,
    assignment_declare,
    assignment_override,
    assignments_auto,
    review_save,
    rubric_changed,
)
from tests.factories.accounts import UserFactory
from tests.factories.grants import RubricCriterionFactory
from tests.grants.review_helpers import (
    make_applications,
    make_call,
    make_reviewers,
    make_staff,
    score,
)
from youthcities.audit.models import AuditEntry
from youthcities.network.cities.models import City

pytestmark = pytest.mark.django_db
State = ReviewAssignment.State


# --- Assignment --------------------------------------------------------------------------------


def test_automatic_assignment_gives_k_reviewers_balanced_by_load(
    django_capture_on_commit_callbacks,
):
    call = make_call(reviewers_per_application=2)
    reviewers = make_reviewers(4)
    applications = make_applications(call, 6)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = assignments_auto(call=call, actor=make_staff())
    # Each reviewer gets one email saying how many wait for them.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in reviewers)
    assert all("3 new applications" in m.body for m in mail.outbox)
    assert report.created == 12
    assert report.complete == 6
    assert report.shortfalls == []
    for application in applications:
        assert application.assignments.count() == 2
    loads = sorted(ReviewAssignment.objects.filter(reviewer=r).count() for r in reviewers)
    assert loads == [3, 3, 3, 3]
    # Running it again changes nothing: everyone has their k.
    assert assignments_auto(call=call, actor=make_staff()).created == 0


def test_automatic_assignment_never_picks_the_applicant_a_co_applicant_or_a_conflict():
    call = make_call(reviewers_per_application=2)
    reviewer_a, reviewer_b, reviewer_c = make_reviewers(3)
    own = make_applications(call, 1, applicant=reviewer_a)[0]
    CoApplicant.objects.create(application=own, email=reviewer_b.email.upper())
    conflicted = ReviewAssignment.objects.create(
        application=own, reviewer=reviewer_c, state=State.CONFLICTED, conflict_reason="My cousin"
    )
    report = assignments_auto(call=call, actor=make_staff())
    assert report.created == 0
    assert list(own.assignments.all()) == [conflicted]
    [(application, reason)] = report.shortfalls
    assert application == own
    assert "0 of 2 reviewers" in reason


def test_a_report_names_the_applications_left_short():
    call = make_call(reviewers_per_application=3)
    make_reviewers(2)
    make_applications(call, 2)
    report = assignments_auto(call=call, actor=make_staff())
    assert report.created == 4
    assert len(report.shortfalls) == 2
    assert AuditEntry.objects.filter(action="review.assigned_automatically").count() == 1


def test_manual_assignment_checks_the_person():
    call = make_call()
    staff = make_staff()
    [reviewer] = make_reviewers(1)
    application = make_applications(call, 1, applicant=reviewer)[0]
    with pytest.raises(NotAllowed, match="applicant"):
        assignment_create(application=application, reviewer=reviewer, actor=staff)
    not_a_reviewer = UserFactory()
    with pytest.raises(NotAllowed, match="not a reviewer"):
        assignment_create(application=application, reviewer=not_a_reviewer, actor=staff)
    with pytest.raises(NotAllowed):
        assignment_create(application=application, reviewer=reviewer, actor=reviewer)


# --- Conflicts ---------------------------------------------------------------------------------


def test_declaring_a_conflict_releases_the_assignment_and_tells_staff(
    django_capture_on_commit_callbacks,
):
    call = make_call()
    staff = make_staff()
    [reviewer] = make_reviewers(1)
    application = make_applications(call, 1)[0]
    assignment = assignment_create(application=application, reviewer=reviewer, actor=staff)
    with pytest.raises(NotAllowed):  # a conflict needs a reason
        assignment_declare(assignment=assignment, reviewer=reviewer, conflict=True, reason=" ")
    with pytest.raises(NotAllowed):  # only the reviewer declares
        assignment_declare(assignment=assignment, reviewer=staff, conflict=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        declared = assignment_declare(
            assignment=assignment, reviewer=reviewer, conflict=True, reason="I coach this group"
        )
    assert declared.state == State.CONFLICTED
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert "I coach this group" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="review.conflict_declared").exists()
    # The application needs another reviewer again.
    assert review_progress(call).assigned == 0
    with pytest.raises(NotAllowed):
        score(application, reviewer, [4, 4])


def test_staff_override_a_conflict_with_a_reason_that_is_kept():
    call = make_call()
    staff = make_staff()
    [reviewer] = make_reviewers(1)
    application = make_applications(call, 1)[0]
    assignment = assignment_create(application=application, reviewer=reviewer, actor=staff)
    assignment_declare(assignment=assignment, reviewer=reviewer, conflict=True, reason="Neighbour")
    with pytest.raises(NotAllowed):
        assignment_override(assignment=assignment, actor=staff, reason="")
    with pytest.raises(NotAllowed):
        assignment_override(assignment=assignment, actor=reviewer, reason="I am fine")
    overridden = assignment_override(
        assignment=assignment, actor=staff, reason="Only a distant neighbour; no shared interest"
    )
    assert overridden.state == State.OVERRIDDEN
    assert overridden.override_reason.startswith("Only a distant")
    review = score(application, reviewer, [4, 3])
    assert review.weighted_score == Decimal("3.5")


def test_a_second_declaration_changes_nothing():
    call = make_call()
    [reviewer] = make_reviewers(1)
    application = make_applications(call, 1)[0]
    assignment = ReviewAssignment.objects.create(application=application, reviewer=reviewer)
    assignment_declare(assignment=assignment, reviewer=reviewer, conflict=False)
    again = assignment_declare(assignment=assignment, reviewer=reviewer, conflict=True, reason="x")
    assert again.state == State.ACCEPTED


# --- Scoring -----------------------------------------------------------------------------------


def test_weighted_score_leaves_not_applicable_out_of_the_mean():
    call = make_call(criteria=0)
    RubricCriterionFactory(call=call, weight=Decimal("2"))
    RubricCriterionFactory(call=call, weight=Decimal("1"))
    RubricCriterionFactory(call=call, weight=Decimal("1"), allow_not_applicable=True)
    [reviewer] = make_reviewers(1)
    application = make_applications(call, 1)[0]
    review = score(application, reviewer, [5, 2, None])
    # (2×5 + 1×2) / (2 + 1) = 4; N/A is not a zero (that would give 12 / 4 = 3).
    assert review.weighted_score == Decimal("4")


def test_scores_outside_the_scale_or_not_applicable_where_not_allowed_are_refused():
    call = make_call()
    [reviewer] = make_reviewers(1)
    application = make_applications(call, 1)[0]
    for values in ([6, 3], [0, 3], [None, 3]):
        with pytest.raises(InvalidScores) as error:
            score(application, reviewer, values)
        assert len(error.value.problems) == 1
    assert not Review.objects.filter(status=Review.Status.SUBMITTED).exists()


def test_submitting_needs_every_criterion_and_a_recommendation_but_a_draft_does_not():
    call = make_call()
    [reviewer] = make_reviewers(1)
    application = make_applications(call, 1)[0]
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=reviewer, state=State.ACCEPTED
    )
    first = call.criteria.first()
    draft = review_save(
        assignment=assignment, reviewer=reviewer, scores={first.pk: ScoreInput(score=3)}
    )
    assert draft.status == Review.Status.DRAFT
    assert draft.weighted_score is None
    with pytest.raises(InvalidScores) as error:
        review_save(
            assignment=assignment,
            reviewer=reviewer,
            scores={first.pk: ScoreInput(score=3)},
            submit=True,
        )
    assert len(error.value.problems) == 2  # the second criterion and the recommendation


def test_only_an_assigned_reviewer_without_conflict_scores():
    call = make_call()
    reviewer, other = make_reviewers(2)
    application = make_applications(call, 1)[0]
    assignment = ReviewAssignment.objects.create(application=application, reviewer=reviewer)
    scores = {c.pk: ScoreInput(score=3) for c in call.criteria.all()}
    with pytest.raises(NotAllowed):  # not declared yet
        review_save(assignment=assignment, reviewer=reviewer, scores=scores, submit=True)
    with pytest.raises(NotAllowed):  # someone else's assignment
        review_save(assignment=assignment, reviewer=other, scores=scores, submit=True)


def test_scores_can_change_until_the_review_closes():
    call = make_call(review_closes_at=timezone.now() + datetime.timedelta(days=2))
    [reviewer] = make_reviewers(1)
    application = make_applications(call, 1)[0]
    score(application, reviewer, [2, 2])
    changed = score(application, reviewer, [4, 4])
    assert changed.weighted_score == Decimal("4")
    assert Review.objects.count() == 1
    later = timezone.now() + datetime.timedelta(days=3)
    assignment = changed.assignment
    with pytest.raises(ReviewClosed):
        review_save(
            assignment=assignment,
            reviewer=reviewer,
            scores={c.pk: ScoreInput(score=1) for c in call.criteria.all()},
            recommendation="fund",
            submit=True,
            now=later,
        )


def test_the_same_score_form_sent_twice_makes_one_review():
    call = make_call()
    [reviewer] = make_reviewers(1)
    application = make_applications(call, 1)[0]
    score(application, reviewer, [3, 5])
    score(application, reviewer, [3, 5])
    review = Review.objects.get()
    assert review.scores.count() == 2
    assert review.weighted_score == Decimal("4")


def test_all_weights_zero_cannot_give_a_score():
    call = make_call(criteria=0)
    RubricCriterionFactory(call=call, weight=Decimal("0"))
    [reviewer] = make_reviewers(1)
    application = make_applications(call, 1)[0]
    with pytest.raises(InvalidScores):
        score(application, reviewer, [3])
    assert not Review.objects.filter(status=Review.Status.SUBMITTED).exists()


# --- Rubric lock -------------------------------------------------------------------------------


def test_the_rubric_locks_when_scoring_starts_and_unlocks_only_by_an_audited_action():
    call = make_call()
    staff = make_staff()
    [reviewer] = make_reviewers(1)
    application = make_applications(call, 1)[0]
    assert not rubric_is_locked(call)
    score(application, reviewer, [5, 1])
    assert rubric_is_locked(call)
    with pytest.raises(ProtectedError):  # a criterion with scores cannot be deleted
        call.criteria.first().delete()
    with pytest.raises(NotAllowed):
        rubric_unlock(call=call, actor=reviewer, reason="why not")
    with pytest.raises(NotAllowed):
        rubric_unlock(call=call, actor=staff, reason="")
    call = rubric_unlock(call=call, actor=staff, reason="Weights were swapped by mistake")
    assert not rubric_is_locked(call)
    assert AuditEntry.objects.get(action="rubric.unlocked").data["reason"].startswith("Weights")
    first = call.criteria.first()
    first.weight = Decimal("3")
    first.save()
    rubric_changed(call=call, actor=staff)
    call.refresh_from_db()
    assert rubric_is_locked(call)
    # (3×5 + 1×1) / 4 = 4: submitted reviews are re-scored with the new weights.
    assert Review.objects.get().weighted_score == Decimal("4")


# --- Decisions ---------------------------------------------------------------------------------


def test_approving_records_the_amount_tells_the_applicant_in_their_language(
    django_capture_on_commit_callbacks,
):
    call = make_call(max_amount=Decimal("3000"), currency="JOD")
    staff = make_staff()
    applicant = UserFactory(preferred_language="ar")
    application = make_applications(call, 1, applicant=applicant, budget=Decimal("2500"))[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = application_decide(
            application=application, actor=staff, outcome="approved", amount=Decimal("2400.500")
        )
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert application.awarded_amount == Decimal("2400.5")
    assert decision.amount == Decimal("2400.5")
    [message] = mail.outbox
    assert message.to == [applicant.email]
    assert "مقبول" in message.subject or "قبول" in message.subject
    assert "/ar/my/applications/" in message.body
    assert AuditEntry.objects.filter(action="application.approved").exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (Decimal("100.1234"), "decimals"),
        (Decimal("2600"), "requested"),
        (Decimal("0"), "more than zero"),
        ("lots", "amount"),
        (None, "amount"),
    ],
)
def test_approval_amounts_are_checked(amount, message):
    call = make_call(max_amount=Decimal("5000"), currency="JOD")
    application = make_applications(call, 1, budget=Decimal("2500"))[0]
    with pytest.raises(BadAmount, match=message):
        application_decide(
            application=application, actor=make_staff(), outcome="approved", amount=amount
        )
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_an_amount_over_the_calls_maximum_is_refused():
    call = make_call(max_amount=Decimal("1000"))
    application = make_applications(call, 1, budget=Decimal("2500"))[0]
    with pytest.raises(BadAmount, match="maximum"):
        application_decide(
            application=application, actor=make_staff(), outcome="approved", amount=1500
        )


def test_an_application_cannot_be_decided_twice():
    call = make_call()
    staff = make_staff()
    application = make_applications(call, 1)[0]
    application_decide(application=application, actor=staff, outcome="declined")
    with pytest.raises(NotAllowed, match="declined"):
        application_decide(application=application, actor=staff, outcome="approved", amount=100)
    with pytest.raises(NotAllowed):
        application_decide(application=application, actor=staff, outcome="declined")
    assert Decision.objects.count() == 1


def test_only_programme_staff_decide():
    call = make_call()
    [reviewer] = make_reviewers(1)
    application = make_applications(call, 1)[0]
    with pytest.raises(NotAllowed):
        application_decide(application=application, actor=reviewer, outcome="declined")


def test_more_information_lets_the_applicant_edit_and_resubmit_after_the_deadline():
    call = make_call()
    staff = make_staff()
    city = City.objects.create(name="Irbid", slug="irbid", country="JO", region="middle_east")
    application = make_applications(
        call, 1, city=city, member_count=4, lead_role="Lead", declarations_accepted=True,
        problem="p", audience="a", activities="a", timeline="t",
    )[0]  # fmt: skip
    application_decide(
        application=application, actor=staff, outcome="more_info", message="Add the venue cost"
    )
    application.refresh_from_db()
    assert application.is_editable
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.save()
    application = application_save_step(
        application=application,
        step="team",
        data={"group_name": "G", "member_count": 5, "lead_role": "Lead", "organisation_name": ""},
        version=application.version,
        actor=application.applicant,
    )
    resubmitted = application_submit(application=application, user=application.applicant)
    assert resubmitted.status == Application.Status.SUBMITTED
    assert resubmitted.reference == application.reference
    assert resubmitted.member_count == 5
    assert AuditEntry.objects.filter(action="application.resubmitted").exists()


# --- Ranking -----------------------------------------------------------------------------------


def test_normalised_scores_correct_a_harsh_and_a_lenient_reviewer():
    """X and Y are each read by the neutral reviewer M, who prefers X. X's other reviewer is
    harsh (X is their best), Y's is lenient (Y is their worst). The raw mean puts Y first; the
    normalised score puts X first, as every reviewer's own order says."""
    call = make_call(criteria=2)
    harsh, lenient, neutral = make_reviewers(3)
    x, y, p, q = make_applications(call, 4)
    for application, values in [(x, [3, 3]), (p, [1, 1]), (q, [1, 1])]:
        score(application, harsh, values)
    for application, values in [(y, [4, 4]), (p, [5, 5]), (q, [5, 5])]:
        score(application, lenient, values)
    for application, values in [(x, [4, 4]), (y, [4, 3]), (p, [3, 3]), (q, [3, 3])]:
        score(application, neutral, values)

    by_mean = call_ranking(call, order="mean").rows
    by_normalised = call_ranking(call, order="normalised").rows
    assert [r.reference for r in by_mean][:2] == [y.reference, x.reference]
    assert by_mean[0].mean == Decimal("3.75") and by_mean[1].mean == Decimal("3.5")
    assert by_normalised[0].reference == x.reference
    assert by_normalised[0].position == 1
    rows = {r.reference: r for r in by_normalised}
    assert rows[x.reference].normalised > rows[y.reference].normalised
    assert rows[x.reference].reviews == 2
    assert sorted(rows[x.reference].scores) == [Decimal("3"), Decimal("4")]
    # Every normalised score stays on the rubric's 1–5 scale.
    assert all(1 <= r.normalised <= 5 for r in by_normalised)


def test_spread_above_the_calls_threshold_is_flagged_and_filterable():
    call = make_call(disagreement_threshold=Decimal("1.5"))
    first, second = make_reviewers(2)
    agreed, disputed = make_applications(call, 2)
    score(agreed, first, [4, 4])
    score(agreed, second, [4, 3])
    score(disputed, first, [5, 5])
    score(disputed, second, [1, 2])
    rows = {r.reference: r for r in call_ranking(call).rows}
    assert rows[disputed.reference].spread == Decimal("3.5")
    assert rows[disputed.reference].flagged
    assert not rows[agreed.reference].flagged
    flagged = call_ranking(call, filters=RankingFilters(flagged=True))
    assert [r.reference for r in flagged.rows] == [disputed.reference]
    assert flagged.total == 1


def test_ranking_costs_one_query_whatever_the_size(django_assert_num_queries):
    for size in (3, 30):
        call = make_call(criteria=1)
        reviewers = make_reviewers(2)
        for application in make_applications(call, size):
            for reviewer, value in zip(reviewers, (3, 4), strict=True):
                score(application, reviewer, [value])
        with django_assert_num_queries(1):
            ranking = call_ranking(call, limit=20)
        assert ranking.total == size
        assert len(ranking.rows) == min(size, 20)
        assert ranking.progress.submitted == 2 * size
        assert ranking.progress.expected == size * call.reviewers_per_application


def test_calibration_shows_each_reviewer_against_the_panel():
    call = make_call(criteria=1)
    harsh, lenient = make_reviewers(2)
    for application in make_applications(call, 3):
        score(application, harsh, [2])
        score(application, lenient, [4])
    rows, panel = call_calibration(call)
    assert panel["mean"] == Decimal("3")
    by_name = {r.name: r for r in rows}
    assert by_name[harsh.display_name].difference == Decimal("-1")
    assert by_name[lenient.display_name].difference == Decimal("1")


def test_the_cached_ranking_follows_every_change(django_assert_num_queries):
    call = make_call(reviewers_per_application=2)
    staff = make_staff()
    first, second = make_reviewers(2)
    application = make_applications(call, 1, budget=Decimal("900"))[0]

    def ranking():
        call.refresh_from_db()  # as a request does: the call, with its ranking version
        return call_ranking(call)

    assert ranking().rows[0].reviews == 0
    with django_assert_num_queries(1):  # the same version again: from the cache
        ranking()
    assignment_create(application=application, reviewer=first, actor=staff)
    assert ranking().progress.assigned == 1
    score(application, first, [4, 2])
    assert ranking().rows[0].reviews == 1
    assert ranking().rows[0].mean == Decimal("3")
    other = assignment_create(application=application, reviewer=second, actor=staff)
    assignment_declare(assignment=other, reviewer=second, conflict=True, reason="Cousin")
    assert ranking().progress.conflicts == 1
    assignment_override(assignment=other, actor=staff, reason="Distant cousin")
    assert ranking().progress.conflicts == 0
    application_decide(application=application, actor=staff, outcome="approved", amount=900)
    assert ranking().rows[0].status == Application.Status.APPROVED
    call.refresh_from_db()
    call.disagreement_threshold = Decimal("0.5")
    call.save()
    assert ranking().rows[0].flagged is False  # one review: no spread


def test_saving_a_call_moves_its_ranking_version_even_with_update_fields():
    call = make_call()
    before = call.ranking_version
    call.reviewers_per_application = 2
    call.save(update_fields=["reviewers_per_application"])
    assert call.ranking_version == before + 1  # a number again, not an expression
    call.refresh_from_db()
    assert call.ranking_version == before + 1
