import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from demo.grants import save_every_step
from grants.applications.models import Application
from grants.applications.services import (
    application_draft_for,
    application_save_step,
    application_submit,
    application_withdraw,
)
from grants.errors import CallClosed, IncompleteApplication, NotAllowed, StaleDraft
from tests.factories.accounts import UserFactory
from tests.factories.grants import GrantCallFactory
from tests.support.concurrency import connect_for_race
from youthcities.audit.models import AuditEntry
from youthcities.network.cities.models import City


def complete_draft(call, applicant, city):
    application = application_draft_for(call=call, applicant=applicant)
    answers = {
        "eligibility": {"city": city, "group_kind": "informal_group", "theme": "inclusion"},
        "team": {
            "group_name": "G",
            "organisation_name": "",
            "member_count": 4,
            "lead_role": "Lead",
        },
        "project": {
            k: "text" for k in ["title", "summary", "problem", "audience", "activities", "timeline"]
        },
        "budget": {
            "lines": [{"description": "Paint", "category": "materials", "amount": Decimal("100")}]
        },
        "documents": {"attachment_ids": []},
        "review": {"declarations_accepted": True},
    }
    return save_every_step(application, applicant, answers)


@pytest.fixture
def city(db):
    return City.objects.create(name="Zarqa", slug="zarqa", country="JO", region="middle_east")


@pytest.mark.django_db
def test_one_draft_per_applicant_and_call(city):
    call, user = GrantCallFactory(), UserFactory()
    assert application_draft_for(call=call, applicant=user) == application_draft_for(
        call=call, applicant=user
    )
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_references_are_sequential_per_year_and_audited(city):
    call = GrantCallFactory()
    year = timezone.now().year
    references = [
        application_submit(application=complete_draft(call, user, city), user=user).reference
        for user in UserFactory.create_batch(3)
    ]
    assert references == [f"YC-{year}-0001", f"YC-{year}-0002", f"YC-{year}-0003"]
    assert AuditEntry.objects.filter(action="application.submitted").count() == 3


@pytest.mark.django_db
def test_an_incomplete_draft_cannot_be_submitted(city):
    call, user = GrantCallFactory(), UserFactory()
    draft = application_draft_for(call=call, applicant=user)
    with pytest.raises(IncompleteApplication) as error:
        application_submit(application=draft, user=user)
    assert set(error.value.problems) == {"eligibility", "team", "project", "budget", "review"}
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.django_db
def test_only_the_applicant_submits(city):
    call, user = GrantCallFactory(), UserFactory()
    draft = complete_draft(call, user, city)
    with pytest.raises(NotAllowed):
        application_submit(application=draft, user=UserFactory())


@pytest.mark.django_db
def test_a_stale_version_writes_nothing(city):
    call, user = GrantCallFactory(), UserFactory()
    draft = application_draft_for(call=call, applicant=user)
    with pytest.raises(StaleDraft):
        application_save_step(
            application=draft,
            step="team",
            data={"group_name": "Late"},
            version=draft.version + 7,
            actor=user,
        )
    draft.refresh_from_db()
    assert draft.group_name == ""


@pytest.mark.django_db
def test_withdraw_before_the_deadline_only(city):
    call, user = GrantCallFactory(), UserFactory()
    submitted = application_submit(application=complete_draft(call, user, city), user=user)
    withdrawn = application_withdraw(application=submitted, user=user)
    assert withdrawn.status == "withdrawn"
    other_call, other = GrantCallFactory(), UserFactory()
    late = application_submit(application=complete_draft(other_call, other, city), user=other)
    with pytest.raises(CallClosed):
        application_withdraw(
            application=late, user=other, now=other_call.closes_at + datetime.timedelta(seconds=1)
        )


@pytest.mark.django_db
def test_a_draft_cannot_be_withdrawn_and_a_withdrawn_one_not_submitted(city):
    call, user = GrantCallFactory(), UserFactory()
    draft = complete_draft(call, user, city)
    with pytest.raises(NotAllowed):
        application_withdraw(application=draft, user=user)


@pytest.mark.xdist_group("fifty-connections")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_get_unique_sequential_references(postgres, city):
    call = GrantCallFactory()
    drafts = [complete_draft(call, user, city) for user in UserFactory.create_batch(8)]
    barrier = threading.Barrier(len(drafts))
    references, errors = [], []

    def submit(draft):
        try:
            connect_for_race()
            barrier.wait(timeout=70)
            references.append(application_submit(application=draft, user=draft.applicant).reference)
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    year = timezone.now().year
    assert sorted(references) == [f"YC-{year}-{n:04d}" for n in range(1, 9)]
