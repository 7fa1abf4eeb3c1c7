"""On PostgreSQL a statement the portal runs again and again on a kept connection (every wizard
step's draft query, the webhook's insert) is prepared once: PostgreSQL stops parsing and
planning it on every request."""

import json

import pytest
from django.db import connection

from grants.applications.models import Application
from tests.config.test_production_settings import PRODUCTION, run

ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's own feature"
)


def _prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@ON_POSTGRESQL
@pytest.mark.django_db
def test_a_query_run_five_times_on_one_connection_is_prepared():
    for applicant_id in range(6):
        list(Application.objects.filter(applicant_id=applicant_id, status="draft"))
    assert any(
        '"grants_application"' in statement and "$1" in statement for statement in _prepared()
    )


@pytest.mark.parametrize(
    ("setting", "threshold"), [(None, 5), ("0", None), ("false", None), ("yes", 5)]
)
def test_prepared_statements_can_be_turned_off_for_a_pooler(tmp_path, setting, threshold):
    """DATABASE_PREPARED_STATEMENTS=0: for a pooler in transaction mode that cannot keep them."""
    env = {**PRODUCTION}
    if setting is not None:
        env["DATABASE_PREPARED_STATEMENTS"] = setting
    result = run(
        "import django, json; django.setup(); from django.conf import settings;"
        "print(json.dumps(settings.DATABASES['default']['OPTIONS']))",
        env,
        tmp_path,
    )
    options = json.loads(result.stdout.splitlines()[-1])
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == threshold
