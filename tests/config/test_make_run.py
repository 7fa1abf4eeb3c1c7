"""`make run PORT=…` serves on that port, and every emailed link points at it."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def base_url_in_make(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k != "BASE_URL"} | env
    return subprocess.run(
        ["make", "-s", '--eval=show-base-url: ; @echo "$$BASE_URL"', "show-base-url", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_the_base_url_follows_the_port():
    assert base_url_in_make("PORT=8123") == "http://127.0.0.1:8123"
    assert base_url_in_make() == "http://127.0.0.1:8000"


def test_a_base_url_given_is_kept():
    assert base_url_in_make("PORT=8123", BASE_URL="https://portal.test") == "https://portal.test"
