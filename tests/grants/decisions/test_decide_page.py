"""The decision page: the application, every submitted review and the normalised score beside
the form; an approval is confirmed on a second step that says what it starts."""

from decimal import Decimal

import pytest
from django.urls import reverse

from grants.applications.models import Application
from grants.awards.models import Award
from grants.review.models import ReviewAssignment
from grants.review.services import ScoreInput, assignment_declare, review_save
from tests.factories.accounts import UserFactory
from tests.grants.review_helpers import make_applications, make_call, make_staff, score
from youthcities.accounts.roles import REVIEWER

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided():
    call = make_call(criteria=2, currency="USD")
    application, other = make_applications(call, 2, title="Murals against hate")
    harsh = UserFactory(roles=[REVIEWER], display_name="Amina R.")
    lenient = UserFactory(roles=[REVIEWER], display_name="Marc L.")
    assignment, _ = ReviewAssignment.objects.get_or_create(application=application, reviewer=harsh)
    assignment = assignment_declare(assignment=assignment, reviewer=harsh, conflict=False)
    criteria = list(call.criteria.all())
    review_save(
        assignment=assignment,
        reviewer=harsh,
        scores={
            criteria[0].pk: ScoreInput(score=2, comment="The budget leaves out transport."),
            criteria[1].pk: ScoreInput(score=3),
        },
        recommendation="maybe",
        comment="A strong team; the plan needs dates.",
        submit=True,
    )
    score(other, harsh, [1, 1], recommendation="do_not_fund")
    score(application, lenient, [5, 4])
    score(other, lenient, [4, 4])
    staff = make_staff()
    return call, application, staff


def test_the_decision_page_shows_every_review_and_the_normalised_score(client, decided):
    call, application, staff = decided
    client.force_login(staff)
    response = client.get(reverse("grants_review_admin:decide", args=[application.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    # Both reviewers, their recommendation, their comments per criterion and overall.
    assert "Amina R." in html and "Marc L." in html
    assert "Maybe" in html and "Fund" in html
    assert "The budget leaves out transport." in html
    assert "A strong team; the plan needs dates." in html
    # The standing against the whole call: Amina is harsh, so her 2.5 here counts as high.
    assert "Normalised score" in html
    standing = response.context["standing"]
    assert standing.reviews == 2
    assert standing.normalised > standing.mean
    # The application itself, as the applicant wrote it.
    assert "Murals against hate" in html
    assert "The application" in html


def test_the_decision_page_reads_in_a_constant_number_of_queries(
    client, decided, django_assert_max_num_queries
):
    call, application, staff = decided
    client.force_login(staff)
    url = reverse("grants_review_admin:decide", args=[application.pk])
    client.get(url)  # warm the per-process caches
    with django_assert_max_num_queries(30):
        client.get(url)
    for _ in range(3):  # three more reviews change nothing in the count
        score(application, UserFactory(roles=[REVIEWER]), [3, 3])
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert len(response.context["reviews"]) == 5


def test_approving_asks_for_confirmation_and_says_what_it_starts(client, decided):
    call, application, staff = decided
    client.force_login(staff)
    url = reverse("grants_review_admin:decide", args=[application.pk])
    data = {"outcome": "approved", "amount": "1,000", "message": "Well done."}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED  # nothing decided yet
    assert not Award.objects.filter(application=application).exists()
    assert "Approve this application?" in html
    assert "$1,000.00" in html  # the award, formatted
    assert "$500.00" in html and "$300.00" in html and "$200.00" in html  # the tranches
    assert "an email to the applicant" in html
    assert 'name="confirmed"' in html
    # Going back keeps what was typed.
    response = client.post(url, {**data, "edit": "1"})
    assert response.status_code == 200
    assert 'value="1,000"' in response.content.decode()
    assert not Award.objects.filter(application=application).exists()
    # Confirmed, it is made.
    response = client.post(url, {**data, "confirmed": "1"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert Award.objects.get(application=application).amount == Decimal("1000")


def test_an_amount_over_the_request_is_refused_before_the_confirmation(client, decided):
    call, application, staff = decided
    client.force_login(staff)
    url = reverse("grants_review_admin:decide", args=[application.pk])
    response = client.post(url, {"outcome": "approved", "amount": "900000"})
    assert response.status_code == 400
    assert "Approve this application?" not in response.content.decode()


def test_a_decline_needs_no_confirmation(client, decided):
    call, application, staff = decided
    client.force_login(staff)
    url = reverse("grants_review_admin:decide", args=[application.pk])
    response = client.post(url, {"outcome": "declined"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
