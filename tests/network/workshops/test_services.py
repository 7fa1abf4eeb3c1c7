"""Registration with a waiting list, recommendations, official answers and commitments."""

import datetime

import pytest

from tests.factories.accounts import GuardianConsentFactory, UserFactory
from tests.factories.network import WorkshopFactory
from tests.network.helpers import accept, recommend
from youthcities.audit.models import AuditEntry
from youthcities.network.workshops.models import (
    Answer,
    Commitment,
    Registration,
)
from youthcities.network.workshops.services import (
    NetworkError,
    commitment_progress,
    recommendation_answer,
    registration_cancel,
    workshop_register,
)

pytestmark = pytest.mark.django_db


Status = Registration.Status


def test_registration_fills_the_places_then_the_waiting_list_and_cancelling_promotes():
    workshop = WorkshopFactory(capacity=2)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    assert workshop_register(workshop=workshop, user=first).status == Status.REGISTERED
    assert workshop_register(workshop=workshop, user=second).status == Status.REGISTERED
    waiting = workshop_register(workshop=workshop, user=third)
    assert waiting.status == Status.WAITING
    assert workshop_register(workshop=workshop, user=third).pk == waiting.pk  # twice: once
    registration_cancel(registration=Registration.objects.get(user=first), user=first)
    waiting.refresh_from_db()
    assert waiting.status == Status.REGISTERED
    assert AuditEntry.objects.filter(action="workshop.promoted").exists()


def test_a_past_workshop_and_a_minor_without_consent_cannot_register():
    past = WorkshopFactory(starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2020, 1, 2))
    with pytest.raises(NetworkError, match="already started"):
        workshop_register(workshop=past, user=UserFactory())
    minor = GuardianConsentFactory().user
    with pytest.raises(NetworkError, match="guardian"):
        workshop_register(workshop=WorkshopFactory(), user=minor)


def test_only_registered_young_participantsrecommend():
    workshop = WorkshopFactory()
    outsider = UserFactory()
    with pytest.raises(NetworkError, match="young participants"):
        recommend(workshop, outsider)
    participant = UserFactory()
    workshop_register(workshop=workshop, user=participant)
    recommendation = recommend(workshop, participant)
    assert recommendation.city == workshop.city


def test_the_city_answers_accepts_and_tracks_progress(loop):
    workshop, participant, recommendation, officer, _other = loop
    with pytest.raises(NetworkError, match="responsible department"):
        recommendation_answer(
            recommendation=recommendation, actor=officer, decision="accepted", explanation="Yes"
        )
    recommendation_answer(
        recommendation=recommendation,
        actor=officer,
        decision="accepted",
        explanation="The council gets 5,000 JOD a year from 2027.",
        owner="Youth and sports",
        due_on=datetime.date(2027, 6, 30),
        milestones="Budget line approved\nFirst youth council vote",
    )
    commitment = Commitment.objects.get()
    assert commitment.milestone_list == ["Budget line approved", "First youth council vote"]
    commitment_progress(commitment=commitment, actor=officer, percent=40, note="Budget approved")
    commitment.refresh_from_db()
    assert commitment.progress == 40
    with pytest.raises(NetworkError, match="went back"):
        commitment_progress(commitment=commitment, actor=officer, percent=20)
    commitment_progress(commitment=commitment, actor=officer, percent=20, note="Vote postponed")
    for bad in (-1, 101, None):
        with pytest.raises(NetworkError, match="0 to 100"):
            commitment_progress(commitment=commitment, actor=officer, percent=bad, note="x")
    with pytest.raises(NetworkError, match="post progress"):
        recommendation_answer(
            recommendation=recommendation, actor=officer, decision="declined", explanation="No"
        )


def test_another_city_or_a_young_person_cannot_answer_or_update(loop):
    _workshop, participant, recommendation, officer, other_city = loop
    for actor in (other_city, participant):
        with pytest.raises(NetworkError, match="municipal staff of this city"):
            recommendation_answer(
                recommendation=recommendation, actor=actor, decision="declined", explanation="x"
            )
    accept(recommendation, officer)
    with pytest.raises(NetworkError, match="municipal staff of this city"):
        commitment_progress(commitment=Commitment.objects.get(), actor=other_city, percent=10)
    assert Answer.objects.get().explanation == "Yes"
