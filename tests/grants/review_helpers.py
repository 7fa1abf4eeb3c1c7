"""Shared set-up for the review tests: a call with a rubric, reviewers and submitted
applications, and a quick way to submit a reviewer's scores."""

from cms.permissions import staff_permissions_ensure
from grants.review.models import ReviewAssignment
from grants.review.services import ScoreInput, assignment_declare, review_save
from tests.factories.accounts import UserFactory
from tests.factories.grants import (
    GrantCallFactory,
    RubricCriterionFactory,
    SubmittedApplicationFactory,
)
from youthcities.accounts.roles import PROGRAMME_STAFF, REVIEWER
from youthcities.accounts.services import roles_ensure_groups


def make_call(criteria=2, **kwargs):
    call = GrantCallFactory(**kwargs)
    for _ in range(criteria):
        RubricCriterionFactory(call=call)
    return call


def make_reviewers(n):
    return [UserFactory(roles=[REVIEWER], display_name=f"Reviewer {i}") for i in range(n)]


def make_staff():
    # The groups' admin permissions, as `migrate` sets them (the test database may predate them).
    roles_ensure_groups()
    staff_permissions_ensure()
    return UserFactory(roles=[PROGRAMME_STAFF], is_staff=True, display_name="Staff")


def make_applications(call, n, **kwargs):
    return [SubmittedApplicationFactory(call=call, **kwargs) for _ in range(n)]


def score(application, reviewer, values, recommendation="fund", submit=True):
    """Assign (if needed), declare no conflict and score: `values` one per criterion."""
    assignment, _ = ReviewAssignment.objects.get_or_create(
        application=application, reviewer=reviewer
    )
    assignment = assignment_declare(assignment=assignment, reviewer=reviewer, conflict=False)
    criteria = list(application.call.criteria.all())
    scores = {
        c.pk: ScoreInput(score=v, not_applicable=v is None)
        for c, v in zip(criteria, values, strict=True)
    }
    return review_save(
        assignment=assignment,
        reviewer=reviewer,
        scores=scores,
        recommendation=recommendation,
        submit=submit,
    )
