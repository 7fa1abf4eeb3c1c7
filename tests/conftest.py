import os

import pytest
from django.db import connection
from django.utils import translation

from tests.support.ci import IN_CI, need

pytest_plugins = [
    "tests.support.s3",
    "tests.support.browser",
    "tests.support.demo",
    "tests.support.cluster",
]

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _isolated_caches(settings, tmp_path):
    """Every test starts with empty caches of its own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"d-{tmp_path}",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"p-{tmp_path}",
        },
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and a snapshot of it as migrated (tests.support.demo)."""
    from tests.support.demo import take_pristine_snapshot

    return take_pristine_snapshot(django_db_blocker)


@pytest.fixture
def demo(db, seeded_demo):
    """The demo, as `seed_demo` leaves a freshly migrated database, for this test (seeded once
    per test process, restored in a fraction of a second; tests.support.demo)."""
    seeded_demo.load()


@pytest.fixture(autouse=True)
def _english_to_start():
    """A request to /ar/ leaves Arabic active in this thread; every test starts in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def postgres(db):
    """Use in tests that prove something only PostgreSQL can (row locks, concurrency)."""
    need(connection.vendor == "postgresql", "these tests need PostgreSQL: set DATABASE_URL")


def pytest_collection_modifyitems(config, items):
    # A test asking for the `postgres` fixture carries the marker too, so that the SQLite pass
    # (`make test-sqlite`) can leave it out by `-m "not postgres"`.
    for item in items:
        if "postgres" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


def pytest_sessionfinish(session, exitstatus):
    # Under CI a skipped test hides a missing part: turn any skip into a failure.
    if not IN_CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and exitstatus == 0:
        session.exitstatus = 1
        if reporter:
            reporter.write_line(
                f"CI=true: {skipped} test(s) skipped; a skip is a failure here.", red=True
            )
