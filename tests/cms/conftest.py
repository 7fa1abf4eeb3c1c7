import pytest

from tests.campaigns.helpers import campaign_site


@pytest.fixture
def index(db):
    return campaign_site()
