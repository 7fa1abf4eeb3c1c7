"""Batch decisions on the ranking: a confirmation naming the count, one service call and audit
entry per application, run as a task with progress, changed rows skipped and listed."""

import pytest
from django.urls import reverse

from grants.applications.models import Application
from grants.decisions.batch import batch_decision_start
from grants.decisions.models import BatchDecision, Decision
from grants.decisions.services import application_decide
from grants.errors import NotAllowed
from tests.grants.review_helpers import make_applications, make_call, make_staff
from youthcities.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    call = make_call()
    return call, make_applications(call, 3), make_staff()


def rows(applications):
    return [f"{a.pk}:{a.status}" for a in applications]


def test_the_ranking_lets_staff_tick_rows_and_choose_a_decision(client, setting):
    call, applications, staff = setting
    client.force_login(staff)
    page = client.get(reverse("grants_review_admin:ranking", args=[call.pk])).content.decode()
    assert f'value="{applications[0].pk}:submitted"' in page
    assert reverse("grants_review_admin:batch_confirm", args=[call.pk]) in page


def test_the_confirmation_names_the_count_and_decides_nothing(client, setting):
    call, applications, staff = setting
    client.force_login(staff)
    response = client.post(
        reverse("grants_review_admin:batch_confirm", args=[call.pk]),
        {"rows": rows(applications[:2]), "outcome": "declined"},
    )
    page = response.content.decode()
    assert "Decline: 2 applications?" in page
    assert "Confirm for 2 applications" in page
    assert not Decision.objects.exists()


def test_a_confirmed_batch_decides_each_with_its_audit_entry_and_lists_changed_rows(
    client, setting, django_capture_on_commit_callbacks
):
    call, applications, staff = setting
    client.force_login(staff)
    selected = rows(applications)
    # Meanwhile another officer shortlists the third one.
    application_decide(application=applications[2], actor=staff, outcome="shortlisted")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("grants_review_admin:batch_start", args=[call.pk]),
            {"rows": selected, "outcome": "declined", "message": "Not this year."},
        )
    batch = BatchDecision.objects.get()
    assert response["Location"] == reverse("grants_review_admin:batch", args=[batch.pk])
    batch.refresh_from_db()  # tasks run at once in tests
    assert batch.status == "done" and batch.rows_done == 3 and batch.percent == 100
    assert batch.decided == [applications[0].reference, applications[1].reference]
    assert [row["reference"] for row in batch.skipped] == [applications[2].reference]
    assert "status changed" in batch.skipped[0]["reason"]
    assert set(Application.objects.values_list("status", flat=True)) == {"declined", "shortlisted"}
    assert AuditEntry.objects.filter(action="application.declined").count() == 2
    page = client.get(response["Location"]).content.decode()
    assert applications[2].reference in page and "Skipped" in page


def test_a_batch_of_another_calls_applications_decides_nothing(setting):
    call, _applications, staff = setting
    other = make_applications(make_call(), 1)
    with pytest.raises(NotAllowed):
        batch_decision_start(
            call=call,
            actor=staff,
            outcome="declined",
            message="",
            selected=[(other[0].pk, "submitted")],
        )


def test_a_batch_asking_for_more_information_needs_the_question(client, setting):
    call, applications, staff = setting
    client.force_login(staff)
    response = client.post(
        reverse("grants_review_admin:batch_confirm", args=[call.pk]),
        {"rows": rows(applications), "outcome": "more_info"},
    )
    assert response.status_code == 302
    assert not BatchDecision.objects.exists()


def test_only_staff_start_a_batch(setting):
    call, applications, _staff = setting
    with pytest.raises(NotAllowed):
        batch_decision_start(
            call=call,
            actor=applications[0].applicant,
            outcome="declined",
            message="",
            selected=[(applications[0].pk, "submitted")],
        )
