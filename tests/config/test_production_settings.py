"""Production settings are checked in a fresh process, as a server would start."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-0123456789",
    "ALLOWED_HOSTS": "youngcities.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/youngcities",
}


DROPPED = {
    "DEBUG",
    "TESTING",
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "CI",
}


def run(code: str, env: dict, tmp_path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in DROPPED}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **clean,
            "VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_values(tmp_path):
    result = run(
        "import django, sys; from django.core.management import call_command; django.setup();"
        "call_command('check', deploy=True, fail_level='WARNING')",
        PRODUCTION,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "no issues" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = run("import django; django.setup()", env, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


DATABASE_DOWN = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
health = client.get("/healthz")
page = client.get("/en/")
print(json.dumps({"health_status": health.status_code, "health": health.json(),
                  "page_status": page.status_code, "page": page.content.decode()}))
"""


def test_database_down_gives_503_health_and_a_friendly_error_page(tmp_path):
    env = {
        **PRODUCTION,
        # Nothing listens on port 1: the database is down.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/youngcities",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        # Plain static storage: this process has no collected static files.
        "TESTING": "1",
    }
    result = run(DATABASE_DOWN, env, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["health_status"] == 503
    assert outcome["health"]["failing"] == ["database"]
    assert outcome["health"]["checks"]["cache"] == "ok"
    assert outcome["page_status"] == 500
    assert "Something went wrong on our side" in outcome["page"]
    assert "Traceback" not in outcome["page"]
    assert "OperationalError" not in outcome["page"]
