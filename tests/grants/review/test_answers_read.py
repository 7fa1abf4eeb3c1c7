"""The answers to a call's own questions are read back to the team, the reviewer (without the
identifying ones on a blind call), programme staff and in both exports."""

import csv
import io

import pytest
from django.urls import reverse

from grants.review.models import ExportJob, ReviewAssignment
from tests.factories.accounts import UserFactory
from tests.grants.question_helpers import PARTNER_QUESTIONS, set_questions
from tests.grants.review_helpers import make_applications, make_call, make_staff
from youthcities.accounts.roles import REVIEWER

pytestmark = pytest.mark.django_db
ANSWERS = {"partner": "yes", "partner-name": "Youth Hub Saida", "story": "We paint walls."}


def answered(blind: bool):
    call = make_call(blind_review=blind)
    version = set_questions(call, PARTNER_QUESTIONS)
    application = make_applications(call, 1)[0]
    application.questions_version = version
    application.answers = ANSWERS
    application.save()
    return application


@pytest.mark.parametrize("blind", [True, False])
def test_the_reviewer_sees_the_answers_and_never_an_identifying_one_on_a_blind_call(client, blind):
    application = answered(blind)
    reviewer = UserFactory(roles=[REVIEWER])
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=reviewer, state=ReviewAssignment.State.ACCEPTED
    )
    client.force_login(reviewer)
    page = client.get(reverse("grants_review:assignment", args=[assignment.pk])).content.decode()
    assert "Do you work with a partner?" in page
    assert "We paint walls." in page
    assert ("Youth Hub Saida" in page) is not blind


def test_the_team_reads_its_answers_back(client):
    application = answered(blind=True)
    client.force_login(application.applicant)
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "Your answers" in page
    assert "Youth Hub Saida" in page and "We paint walls." in page


def test_staff_see_the_answers_on_the_application(client):
    application = answered(blind=True)
    client.force_login(make_staff())
    page = client.get(
        reverse("grants_applications:inspect", args=[application.pk])
    ).content.decode()
    assert "Name of the partner" in page and "Youth Hub Saida" in page


def test_the_applications_export_has_the_answers(client):
    answered(blind=True)
    client.force_login(make_staff())
    export = client.get("/admin/grants/applications/?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    cell = rows[0]["Answers to the call's questions"]
    assert "Name of the partner: Youth Hub Saida" in cell
    assert "Do you work with a partner?: Yes" in cell


@pytest.mark.parametrize("blind", [True, False])
def test_the_ranking_export_has_the_answers_without_identifying_ones_when_blind(client, blind):
    application = answered(blind)
    client.force_login(make_staff())
    client.post(
        reverse("grants_review_admin:export_start", args=[application.call.pk]), {"format": "csv"}
    )
    job = ExportJob.objects.latest("pk")
    download = client.get(reverse("grants_review_admin:export_download", args=[job.pk]))
    content = b"".join(download.streaming_content).decode("utf-8-sig")
    assert "Do you work with a partner?: Yes" in content
    assert ("Youth Hub Saida" in content) is not blind
