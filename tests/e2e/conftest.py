import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db, seeded_demo):
    """The demo, committed: the live server's threads read it (flushed after the test)."""
    seeded_demo.load()
