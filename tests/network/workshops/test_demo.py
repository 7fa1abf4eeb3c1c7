import pytest

from youthcities.network.cities.models import CityStaff
from youthcities.network.workshops.models import (
    Answer,
    Commitment,
    Registration,
    Workshop,
    WorkshopSession,
)

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_workshops_participants_answers_and_commitments(demo):
    assert Workshop.objects.count() == 14  # with the Zarqa officer's (demo/municipal.py)
    assert WorkshopSession.objects.count() >= 26
    assert Registration.objects.filter(role="youth").values("user").distinct().count() == 100
    assert CityStaff.objects.count() == 31  # 30 decision makers and municipal@example.org
    assert Answer.objects.values("decision").distinct().count() == 2
    assert {c.progress for c in Commitment.objects.all()} >= {0, 40, 100}
