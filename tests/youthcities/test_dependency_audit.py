"""The dependency audit never reads "no vulnerabilities" when it could not look."""

import json

from tools.audit_dependencies import read_report, summary


def report(*dependencies) -> str:
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def test_a_known_vulnerability_fails_the_audit():
    audit = read_report(
        report(
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-1", "fix_versions": ["5.2.1"]}],
            },
            {"name": "babel", "version": "2.18.0", "vulns": []},
        ),
        returncode=1,
    )
    text, failed = summary(audit)
    assert failed
    assert "django 5.2.0: PYSEC-1 (fix: 5.2.1)" in text


def test_packages_that_could_not_be_looked_up_are_reported_not_passed():
    audit = read_report(
        report(
            {
                "name": "django",
                "skip_reason": "Dependency not found on PyPI and could not be audited",
            },
            {"name": "babel", "version": "2.18.0", "vulns": []},
        ),
        returncode=0,
    )
    text, failed = summary(audit)
    assert not audit.complete
    assert "INCOMPLETE: 1 of 2 packages" in text and "NOT checked" in text
    assert "no known vulnerabilities" not in text


def test_an_unreachable_database_is_said_plainly():
    audit = read_report("", returncode=1, stderr="Traceback...\nConnectionError: Failed to resolve")
    text, _failed = summary(audit)
    assert "AUDIT NOT RUN" in text and "Failed to resolve" in text


def test_a_complete_clean_audit_says_so():
    audit = read_report(report({"name": "babel", "version": "2.18.0", "vulns": []}), returncode=0)
    assert audit.complete
    assert summary(audit) == ("Dependency audit: 1 package, no known vulnerabilities.", False)
