import pytest
from django.core.management import call_command

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", verbosity=0)
