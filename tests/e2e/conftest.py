import pytest
from django.core.management import call_command

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db, django_db_serialized_rollback):
    # Migrations made the root page, the site and the locales; flushing between tests removes
    # them, so each test gets them back before loading demo data.
    call_command("seed_demo", verbosity=0)
