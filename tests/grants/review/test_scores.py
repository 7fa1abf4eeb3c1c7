"""The ranking's score table (grants/review/scores.py): kept right, in the transaction of each
change, by the same formula the ranking used to compute on every request; read in one query
whatever the size of the call."""

import statistics
from decimal import Decimal

import pytest

from grants.applications.services import application_withdraw
from grants.calls.services import ranking_touch, rubric_unlock
from grants.decisions.services import application_decide
from grants.review.models import ApplicationScore, CallScores, Review, ReviewAssignment
from grants.review.scores import scores_refresh
from grants.review.selectors import RankingFilters, call_ranking
from grants.review.services import (
    assignment_create,
    assignment_declare,
    assignment_override,
    rubric_changed,
)
from tests.factories.grants import SubmittedApplicationFactory
from tests.grants.review_helpers import (
    make_applications,
    make_call,
    make_reviewers,
    make_staff,
    score,
)

pytestmark = pytest.mark.django_db


def expected_scores(call) -> dict[int, tuple]:
    """The ranking's statistics recomputed from the reviews in Python: the rule the table keeps."""
    submitted = list(
        Review.objects.filter(call=call, status=Review.Status.SUBMITTED).values_list(
            "application_id", "reviewer_id", "weighted_score"
        )
    )
    by_reviewer = {}
    for _app, reviewer, value in submitted:
        by_reviewer.setdefault(reviewer, []).append(float(value))
    stats = {r: (statistics.fmean(v), statistics.pstdev(v)) for r, v in by_reviewer.items()}
    out = {}
    for application in call.applications.filter(
        status__in=["submitted", "shortlisted", "more_info", "approved", "declined"]
    ):
        mine = [(r, float(v)) for a, r, v in submitted if a == application.pk]
        if not mine:
            out[application.pk] = (0, None, None, None, application.status)
            continue
        values = [v for _r, v in mine]
        zs = [(v - stats[r][0]) / stats[r][1] if stats[r][1] > 0 else 0 for r, v in mine]
        out[application.pk] = (
            len(mine),
            round(statistics.fmean(values), 6),
            round(max(values) - min(values), 6),
            round(statistics.fmean(zs), 6),
            application.status,
        )
    return out


def stored_scores(call) -> dict[int, tuple]:
    def r(value):
        return None if value is None else round(value, 6)

    return {
        s.application_id: (s.reviews, r(s.mean), r(s.spread), r(s.z), s.status)
        for s in ApplicationScore.objects.filter(call=call)
    }


def assert_table_right(call):
    assert stored_scores(call) == expected_scores(call)
    figures = CallScores.objects.get(call=call)
    assignments = ReviewAssignment.objects.filter(call=call)
    assert figures.applications == len(expected_scores(call))
    assert figures.conflicts == assignments.filter(state="conflicted").count()
    assert figures.assigned == assignments.exclude(state="conflicted").count()
    assert figures.submitted == Review.objects.filter(call=call, status="submitted").count()


def test_the_score_table_stays_right_after_each_kind_of_change(postgres):
    call = make_call(criteria=2, reviewers_per_application=2)
    staff = make_staff()
    first, second, third = make_reviewers(3)
    a, b, c, d = make_applications(call, 4, budget=Decimal("900"))
    assert_table_right(call)  # submitted, not reviewed yet: listed without scores
    assignment_create(application=a, reviewer=first, actor=staff)
    assert_table_right(call)
    for application, values in [(a, [5, 4]), (b, [2, 2]), (c, [3, 4])]:
        score(application, first, values)
        assert_table_right(call)
    for application, values in [(a, [3, 3]), (b, [4, 5]), (d, [1, 2])]:
        score(application, second, values)
        assert_table_right(call)
    score(b, first, [5, 5])  # a submitted review changed: every z-score of `first` moves
    assert_table_right(call)
    pending = assignment_create(application=c, reviewer=third, actor=staff)
    assignment_declare(assignment=pending, reviewer=third, conflict=True, reason="My sister")
    assert_table_right(call)
    assignment_override(assignment=pending, actor=staff, reason="A distant relative")
    score(c, third, [1, 1])
    assert_table_right(call)
    application_decide(application=a, actor=staff, outcome="approved", amount=900)
    assert_table_right(call)
    assert ApplicationScore.objects.get(application=a).status == "approved"


def test_a_withdrawn_application_leaves_the_ranking_and_its_count(postgres):
    call = make_call(criteria=1)
    [reviewer] = make_reviewers(1)
    kept, withdrawn = make_applications(call, 2)
    score(kept, reviewer, [4])
    score(withdrawn, reviewer, [2])
    assert call_ranking(call).total == 2
    application_withdraw(application=withdrawn, user=withdrawn.applicant)
    call.refresh_from_db()
    ranking = call_ranking(call)
    assert [row.reference for row in ranking.rows] == [kept.reference]
    assert ranking.total == 1
    assert_table_right(call)


def test_a_conflict_declared_after_another_reviewer_scored_counts_in_the_progress(postgres):
    call = make_call(criteria=1)
    staff = make_staff()
    scorer, conflicted = make_reviewers(2)
    [application] = make_applications(call, 1)
    score(application, scorer, [4])
    assignment = assignment_create(application=application, reviewer=conflicted, actor=staff)
    call.refresh_from_db()
    assert call_ranking(call).progress.assigned == 2
    assignment_declare(assignment=assignment, reviewer=conflicted, conflict=True, reason="Friend")
    call.refresh_from_db()
    progress = call_ranking(call).progress
    assert (progress.assigned, progress.conflicts, progress.submitted) == (1, 1, 1)
    assert_table_right(call)


def test_a_criterion_weight_changed_after_scoring_recomputes_the_table(postgres):
    call = make_call(criteria=2)
    staff = make_staff()
    first, second = make_reviewers(2)
    x, y = make_applications(call, 2)
    score(x, first, [5, 1])
    score(y, first, [1, 5])
    score(x, second, [3, 3])
    assert ApplicationScore.objects.get(application=x).mean == 3  # (3 + 3) / 2
    rubric_unlock(call=call, actor=staff, reason="The first criterion matters more")
    criterion = call.criteria.order_by("pk").first()
    criterion.weight = Decimal("3")
    criterion.save()
    rubric_changed(call=call, actor=staff)
    # x: first (3×5 + 1) / 4 = 4, second 3: mean 3.5; y: first (3 + 5) / 4 = 2.
    assert ApplicationScore.objects.get(application=x).mean == 3.5
    assert ApplicationScore.objects.get(application=y).mean == 2
    call.refresh_from_db()
    assert call_ranking(call, order="mean").rows[0].reference == x.reference
    assert_table_right(call)


def test_the_table_rebuilt_from_the_reviews_equals_the_kept_one(postgres):
    """What the migration does for existing data: the whole call from its reviews."""
    call = make_call(criteria=1)
    first, second = make_reviewers(2)
    for application, values in zip(make_applications(call, 3), [2, 3, 5], strict=True):
        score(application, first, [values])
        score(application, second, [6 - values])
    kept = stored_scores(call)
    ApplicationScore.objects.filter(call=call).delete()
    CallScores.objects.filter(call=call).delete()
    scores_refresh(call_id=call.pk, whole=True)
    assert stored_scores(call) == kept
    assert_table_right(call)


def _bulk_scored_call(size: int):
    """A call of `size` applications with two submitted reviews each, made in bulk and put in
    the table the way the benchmark does: the one refresh, for the whole call."""
    call = make_call(criteria=1)
    reviewers = make_reviewers(2)
    applications = SubmittedApplicationFactory.create_batch(size, call=call)
    assignments = ReviewAssignment.objects.bulk_create(
        [
            ReviewAssignment(application=a, call=call, reviewer=r, state="accepted")
            for a in applications
            for r in reviewers
        ]
    )
    Review.objects.bulk_create(
        [
            Review(
                assignment=s,
                call=call,
                application_id=s.application_id,
                reviewer_id=s.reviewer_id,
                status="submitted",
                weighted_score=Decimal(1 + (s.pk * 7) % 5),
            )
            for s in assignments
        ]
    )
    ranking_touch(call.pk, whole=True)
    call.refresh_from_db()
    return call


@pytest.mark.parametrize("size", [10, 200])
def test_the_ranking_is_one_query_from_10_to_200_applications(
    postgres, size, django_assert_num_queries
):
    call = _bulk_scored_call(size)
    for order in ["normalised", "-normalised", "spread", "reviews"]:
        for filters in [RankingFilters(), RankingFilters(theme="inclusion", flagged=True)]:
            with django_assert_num_queries(1):
                ranking = call_ranking(call, order=order, filters=filters, limit=50, offset=0)
            assert len(ranking.rows) <= 50
    ranking = call_ranking(call, limit=50)
    assert ranking.total == size
    assert len(ranking.rows) == min(size, 50)
    assert ranking.progress.submitted == 2 * size
    assert_table_right(call)


def test_positions_follow_the_normalised_score_on_every_page_and_order(postgres):
    call = _bulk_scored_call(30)
    everything = call_ranking(call, limit=100).rows
    place = {row.reference: row.position for row in everything}
    # RANK(): 1 + the number of rows with a higher normalised score (the z mean's order).
    z = dict(ApplicationScore.objects.filter(call=call).values_list("reference", "z"))
    assert len(set(z.values())) < len(z)  # ties share a place
    for row in everything:
        assert row.position == 1 + sum(1 for other in z.values() if other > z[row.reference])
    call.refresh_from_db()
    for order in ["normalised", "spread", "-mean"]:
        for offset in (0, 7, 20):
            for row in call_ranking(call, order=order, limit=7, offset=offset).rows:
                assert row.position == place[row.reference]
