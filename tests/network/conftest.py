import pytest

from tests.factories.accounts import UserFactory
from tests.factories.network import CityFactory, WorkshopFactory, municipal_staff_of
from tests.network.helpers import recommend
from youthcities.accounts.roles import MUNICIPAL
from youthcities.network.workshops.services import workshop_register


@pytest.fixture
def loop(db):
    """A policy workshop in Irbid, a participant's recommendation, the city's officer and an
    officer of another city."""
    workshop = WorkshopFactory(city=CityFactory(name="Irbid"))
    participant = UserFactory()
    workshop_register(workshop=workshop, user=participant)
    recommendation = recommend(workshop, participant)
    officer = municipal_staff_of(workshop.city, UserFactory(roles=[MUNICIPAL]))
    other_city = municipal_staff_of(CityFactory(name="Zarqa"), UserFactory(roles=[MUNICIPAL]))
    return workshop, participant, recommendation, officer, other_city
