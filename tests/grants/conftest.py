import pytest

from tests.factories.grants import GrantCallFactory
from tests.grants.stripe_standin import WEBHOOK_SECRET, StripeStandIn
from youthcities.network.cities.models import City


@pytest.fixture
def stripe_standin(settings):
    """Stripe's API on loopback: the real `stripe` library is pointed at it."""
    standin = StripeStandIn().start()
    settings.STRIPE_API_BASE = standin.url
    settings.STRIPE_SECRET_KEY = "sk_test_standin"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    yield standin
    standin.stop()


@pytest.fixture
def city(db):
    return City.objects.create(name="Saida", slug="saida", country="LB", region="middle_east")


@pytest.fixture
def call(db):
    return GrantCallFactory()
