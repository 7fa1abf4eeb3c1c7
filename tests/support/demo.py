"""The demo, seeded once per test process and restored for each test that asks for it.

`seed_demo` takes half a minute. Each test process (each xdist worker) runs it once, the first time
a test needs the demo, into its own test database, starting from the freshly migrated state; the
rows of every table (and every sequence's position) are then copied into snapshot tables beside
them, and the database is put back as it was. A test that asks for the demo gets those rows back:
every table emptied and refilled from the snapshot, inside the test's transaction (so a `db` test
rolls it away) or committed (a transactional test, flushed afterwards as usual). Files the seed
wrote are copied into the test's own media and private storage; caches start empty as in every
test. The same works on PostgreSQL (a schema of copies) and SQLite (prefixed copies).
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

SNAPSHOT_PREFIX = "yc_snapshot_"
CACHE_ALIASES = ("default", "pages")


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _tables() -> list[str]:
    """Every table the flush between transactional tests empties (never Django's migration
    record or a snapshot), except SQLite's full-text tables: triggers on their source tables
    fill them (modelsearch's index)."""
    names = connection.introspection.django_table_names(only_existing=True, include_views=False)
    virtual = _sqlite_virtual_tables()
    return sorted(
        name for name in names if not name.startswith(SNAPSHOT_PREFIX) and name not in virtual
    )


def _sqlite_virtual_tables() -> set[str]:
    if connection.vendor != "sqlite":
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
        return {row[0] for row in cursor.fetchall()}


def _columns(table: str) -> list[str]:
    """The columns an INSERT may set: PostgreSQL refuses values for generated columns."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND table_name = %s"
                " AND is_generated = 'NEVER' ORDER BY ordinal_position",
                [table],
            )
            return [row[0] for row in cursor.fetchall()]
        return [
            column.name for column in connection.introspection.get_table_description(cursor, table)
        ]


@dataclass
class Snapshot:
    """Copies of every table's rows, kept in the test database itself."""

    name: str
    tables: dict[str, list[str]]  # table -> columns
    sequences: list[tuple[str, int | None, bool]]  # PostgreSQL: (name, last_value, is_called)

    def _copy(self, table: str) -> str:
        if connection.vendor == "postgresql":
            return f"{_quote(SNAPSHOT_PREFIX + self.name)}.{_quote(table)}"
        return _quote(f"{SNAPSHOT_PREFIX}{self.name}__{table}")

    @classmethod
    def take(cls, name: str) -> "Snapshot":
        snapshot = cls(name, {table: _columns(table) for table in _tables()}, [])
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                schema = _quote(SNAPSHOT_PREFIX + name)
                cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
                cursor.execute(f"CREATE SCHEMA {schema}")
                cursor.execute(
                    "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
                )
                for (sequence,) in cursor.fetchall():
                    cursor.execute(f"SELECT last_value, is_called FROM {_quote(sequence)}")
                    snapshot.sequences.append((sequence, *cursor.fetchone()))
            for table in [*snapshot.tables, *snapshot._sqlite_extras()]:
                copy = snapshot._copy(table)
                cursor.execute(f"DROP TABLE IF EXISTS {copy}")
                cursor.execute(f"CREATE TABLE {copy} AS SELECT * FROM {_quote(table)}")
        return snapshot

    def _sqlite_extras(self) -> list[str]:
        if connection.vendor != "sqlite":
            return []
        return ["sqlite_sequence"] if "sqlite_sequence" in _all_sqlite_tables() else []

    def restore(self) -> None:
        """Put every table back as it was when the snapshot was taken. Runs in the current
        transaction when there is one (a `db` test), else in its own."""
        with transaction.atomic(), connection.cursor() as cursor:
            tables = list(self.tables)
            if connection.vendor == "postgresql":
                # Checks still pending from this transaction first, so TRUNCATE may run.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("TRUNCATE " + ", ".join(_quote(t) for t in tables))
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            else:
                for table in [*tables, *sorted(_sqlite_virtual_tables())]:
                    cursor.execute(f"DELETE FROM {_quote(table)}")
            for table, columns in self.tables.items():
                names = ", ".join(_quote(column) for column in columns)
                cursor.execute(
                    f"INSERT INTO {_quote(table)} ({names}) SELECT {names} FROM {self._copy(table)}"
                )
            for sequence, last_value, is_called in self.sequences:
                cursor.execute(
                    "SELECT setval(%s, %s, %s)", [_quote(sequence), last_value or 1, is_called]
                )
            for table in self._sqlite_extras():
                cursor.execute(f"DELETE FROM {_quote(table)}")
                cursor.execute(f"INSERT INTO {_quote(table)} SELECT * FROM {self._copy(table)}")
        _forget_cached_rows()

    def drop(self) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"DROP SCHEMA IF EXISTS {_quote(SNAPSHOT_PREFIX + self.name)} CASCADE"
                )
                return
            for table in [*self.tables, *self._sqlite_extras()]:
                cursor.execute(f"DROP TABLE IF EXISTS {self._copy(table)}")


def _all_sqlite_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in cursor.fetchall()}


def _forget_cached_rows() -> None:
    """Process-wide caches of rows whose ids the restore may have changed."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@dataclass
class SeededDemo:
    snapshot: Snapshot
    media: Path
    private: Path
    cached: dict[str, tuple[dict, dict]]  # alias -> what the seed left in that cache

    def load(self) -> None:
        """The demo's rows into the database, its files into the test's storage and what it
        left in the caches into the test's caches: as if `seed_demo` had just run here."""
        self.snapshot.restore()
        _copy_files(self.media, storages["default"])
        _copy_files(self.private, storages["private"])
        for alias, (values, expiry) in self.cached.items():
            cache = caches[alias]
            assert isinstance(cache, LocMemCache), "the tests' caches are local memory"
            with cache._lock:
                cache._cache.update(values)
                cache._expire_info.update(expiry)


def _copy_files(source: Path, storage) -> None:
    if not source.exists():
        return
    if isinstance(storage, FileSystemStorage):
        shutil.copytree(source, storage.location, dirs_exist_ok=True)
        return
    for path in source.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                storage.save(path.relative_to(source).as_posix(), File(handle))


def take_pristine_snapshot(django_db_blocker) -> Snapshot:
    """The migrated test database, before any test: what the demo is seeded on. tests/conftest.py
    takes it as soon as the test database exists (its `django_db_setup`)."""
    with django_db_blocker.unblock():
        return Snapshot.take("pristine")


@pytest.fixture(scope="session")
def seeded_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """`seed_demo` once for this test process; the database is left as it was found."""
    files = tmp_path_factory.mktemp("demo")
    isolated = override_settings(
        MEDIA_ROOT=files / "media",
        STORAGES={
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(files / "private")},
            },
        },
        CACHES={
            alias: {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"demo-seed-{alias}",
            }
            for alias in CACHE_ALIASES
        },
        STRIPE_API_BASE="http://127.0.0.1:9",  # nothing listens: the seed must not call Stripe
    )
    with django_db_blocker.unblock():
        before = Snapshot.take("before_demo")
        django_db_setup.restore()  # the pristine snapshot
        with isolated:
            call_command("seed_demo", verbosity=0)
            cached = {
                alias: (dict(caches[alias]._cache), dict(caches[alias]._expire_info))
                for alias in CACHE_ALIASES
            }
        demo = Snapshot.take("demo")
        before.restore()
        before.drop()
    return SeededDemo(demo, files / "media", files / "private", cached)
