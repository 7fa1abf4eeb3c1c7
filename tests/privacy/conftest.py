import pytest

from tests.campaigns.helpers import campaign_site

from .helpers import person_with_everything


@pytest.fixture
def index(db):
    return campaign_site()


@pytest.fixture
def person(index):
    return person_with_everything(index)
