"""The reviewers' discussion: on a call that has it, a reviewer who submitted their own review
sees the other reviews' scores and comments and writes; before that, or on a call without it,
nothing. Staff see it on the decision page; nothing of the applicant conversation is in it."""

import pytest
from django.urls import reverse

from grants.conversations.errors import DiscussionClosed
from grants.conversations.models import ReviewerComment
from grants.conversations.services import conversation_for, message_post, reviewer_comment_post
from grants.review.models import ReviewAssignment
from tests.grants.review_helpers import make_applications, make_call, make_reviewers, make_staff
from tests.grants.review_helpers import score as review

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    call = make_call(reviewer_discussion=True)
    application = make_applications(call, 1)[0]
    amina, marc = make_reviewers(2)
    review(application, marc, [5, 4])
    ReviewAssignment.objects.create(application=application, reviewer=amina)
    return {"call": call, "application": application, "amina": amina, "marc": marc}


def url(application, reviewer):
    assignment = ReviewAssignment.objects.get(application=application, reviewer=reviewer)
    return reverse("grants:discussion", args=[assignment.pk])


def test_a_reviewer_sees_the_discussion_only_after_submitting(panel, client):
    application, amina = panel["application"], panel["amina"]
    client.force_login(amina)
    assert client.get(url(application, amina)).status_code == 404
    with pytest.raises(DiscussionClosed):
        reviewer_comment_post(application=application, author=amina, body="Early")
    review(application, amina, [2, 3])
    page = client.get(url(application, amina)).content.decode()
    assert "Reviewer 1" in page  # Marc's review with its scores
    response = client.post(url(application, amina), {"body": "Why a 5 on reach?"}, follow=True)
    assert "Why a 5 on reach?" in response.content.decode()
    assert ReviewerComment.objects.get().author == amina


def test_a_call_without_the_discussion_shows_nothing(client):
    call = make_call(reviewer_discussion=False)
    application = make_applications(call, 1)[0]
    (amina,) = make_reviewers(1)
    review(application, amina, [3, 3])
    client.force_login(amina)
    assert client.get(url(application, amina)).status_code == 404
    with pytest.raises(DiscussionClosed):
        reviewer_comment_post(application=application, author=amina, body="Hello")


def test_another_reviewers_assignment_is_not_a_way_in(panel, client):
    application, amina, marc = panel["application"], panel["amina"], panel["marc"]
    (stranger,) = make_reviewers(1)
    client.force_login(stranger)
    assert client.get(url(application, marc)).status_code == 404
    client.force_login(amina)  # not submitted: Marc's assignment does not open it to her
    assert client.get(url(application, marc)).status_code == 404


def test_staff_see_the_discussion_on_the_decision_page_without_the_applicants_words(panel, client):
    application, marc = panel["application"], panel["marc"]
    staff = make_staff()
    reviewer_comment_post(application=application, author=marc, body="Strong plan.")
    message_post(
        conversation=conversation_for(application=application),
        author=staff,
        body="A question for the applicant only",
    )
    client.force_login(staff)
    page = client.get(reverse("grants_review_admin:decide", args=[application.pk]))
    text = page.content.decode()
    assert "Strong plan." in text and "Reviewers' discussion" in text
    assert "Open the conversation" in text
    assert "A question for the applicant only" not in text
    client.force_login(marc)
    discussion = client.get(url(application, marc)).content.decode()
    assert "A question for the applicant only" not in discussion
