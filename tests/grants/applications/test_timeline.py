"""The applicant's timeline on the read-back page: submitted, in review, decided, with dates;
what has not happened yet reads "not yet"; a shortlist and who reviews are never shown."""

import pytest
from django.urls import reverse

from grants.applications.selectors import application_timeline
from grants.decisions.services import application_decide
from grants.review.models import ReviewAssignment
from tests.factories.accounts import UserFactory
from tests.grants.review_helpers import make_applications, make_call, make_staff
from youthcities.accounts.roles import REVIEWER

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    return make_applications(make_call(), 1)[0]


def codes(application):
    return [(event["code"], event["at"] is not None) for event in application_timeline(application)]


def test_a_submitted_application_waits_for_review_and_decision(application):
    assert codes(application) == [("submitted", True), ("in_review", False), ("decided", False)]


def test_review_starts_with_the_first_assignment_and_a_conflict_does_not_count(application):
    ReviewAssignment.objects.create(
        application=application,
        reviewer=UserFactory(roles=[REVIEWER]),
        state=ReviewAssignment.State.CONFLICTED,
    )
    assert ("in_review", False) in codes(application)
    ReviewAssignment.objects.create(application=application, reviewer=UserFactory(roles=[REVIEWER]))
    assert ("in_review", True) in codes(application)


def test_a_shortlist_stays_internal_and_the_decision_has_its_date(application):
    staff = make_staff()
    application_decide(application=application, actor=staff, outcome="shortlisted")
    assert codes(application)[-1] == ("decided", False)
    application_decide(application=application, actor=staff, outcome="declined")
    assert codes(application)[-1] == ("declined", True)


def test_a_request_for_more_information_shows_before_the_decision(application):
    application_decide(
        application=application, actor=make_staff(), outcome="more_info", message="Budget?"
    )
    assert codes(application) == [
        ("submitted", True),
        ("in_review", False),
        ("more_info", True),
        ("decided", False),
    ]


def test_the_read_back_page_shows_the_timeline_without_reviewers(client, application):
    reviewer = UserFactory(roles=[REVIEWER], display_name="Reviewer Amina")
    ReviewAssignment.objects.create(application=application, reviewer=reviewer)
    client.force_login(application.applicant)
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert 'data-testid="timeline"' in page
    assert "In review" in page and "not yet" in page
    assert "Reviewer Amina" not in page
