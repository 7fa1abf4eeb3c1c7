"""Audit the locked dependencies for known vulnerabilities with pip-audit, and say so plainly when
the vulnerability database could not be asked: pip-audit itself skips every package it cannot
look up and still exits 0, which would read as "no vulnerabilities".

    .venv/bin/python tools/audit_dependencies.py requirements.lock

Exit 1 when a vulnerability is found. When packages could not be checked (no network, or an
index that does not serve vulnerability data) it prints how many and exits 0, or 1 with
AUDIT_STRICT=1 (set it where the database is reachable, so an outage cannot pass unseen).
"""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Audit:
    checked: int
    unchecked: list[str]
    vulnerable: list[str]  # "name version: ID (fix: versions)"
    error: str = ""

    @property
    def complete(self) -> bool:
        return not self.unchecked and not self.error


def read_report(stdout: str, returncode: int, stderr: str = "") -> Audit:
    """pip-audit's JSON report, or the reason there is none."""
    try:
        report = json.loads(stdout)
    except ValueError:
        reason = (stderr.strip().splitlines() or ["no report"])[-1]
        return Audit(checked=0, unchecked=[], vulnerable=[], error=reason)
    dependencies = report.get("dependencies", []) if isinstance(report, dict) else report
    unchecked, vulnerable, checked = [], [], 0
    for dependency in dependencies:
        if dependency.get("skip_reason"):
            unchecked.append(dependency["name"])
            continue
        checked += 1
        for vulnerability in dependency.get("vulns", []):
            fixes = ", ".join(vulnerability.get("fix_versions", [])) or "none yet"
            vulnerable.append(
                f"{dependency['name']} {dependency.get('version', '')}: "
                f"{vulnerability.get('id')} (fix: {fixes})"
            )
    return Audit(checked=checked, unchecked=unchecked, vulnerable=vulnerable)


def summary(audit: Audit) -> tuple[str, bool]:
    """The lines to print, and whether they mean failure (strict mode aside)."""
    if audit.vulnerable:
        return "Known vulnerabilities:\n  " + "\n  ".join(audit.vulnerable), True
    if audit.error:
        return f"DEPENDENCY AUDIT NOT RUN: the vulnerability database failed: {audit.error}", False
    if audit.unchecked:
        return (
            f"DEPENDENCY AUDIT INCOMPLETE: {len(audit.unchecked)} of "
            f"{len(audit.unchecked) + audit.checked} packages could not be looked up in the "
            "vulnerability database (no network?) and were NOT checked.",
            False,
        )
    packages = "package" if audit.checked == 1 else "packages"
    return f"Dependency audit: {audit.checked} {packages}, no known vulnerabilities.", False


def main(lock: str) -> int:
    pip_audit = Path(sys.executable).with_name("pip-audit")
    result = subprocess.run(  # noqa: S603 — our own pip-audit, fixed arguments
        [
            str(pip_audit),
            "--requirement",
            lock,
            "--require-hashes",
            "--disable-pip",
            "--progress-spinner",
            "off",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    audit = read_report(result.stdout, result.returncode, result.stderr)
    text, failed = summary(audit)
    print(text)
    strict = os.environ.get("AUDIT_STRICT", "") in {"1", "true", "yes"}
    return 1 if failed or (strict and not audit.complete) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "requirements.lock"))
