"""Tests that need PostgreSQL, S3 or a browser skip where those are missing, except under
CI=true, where a missing part is a failure: CI must prove everything."""

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need(available: bool, reason: str) -> None:
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)
