"""Browser journeys: Playwright drives Debian's Chromium (never a downloaded browser), and axe-core
checks every page visited."""

from pathlib import Path

import pytest

from tests.support.ci import need

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Without these Chromium keeps calling home, and this machine has no network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    need(CHROMIUM.exists(), "Chromium is missing: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    # A phone first: most young people use the portal on one.
    return {**browser_context_args, "viewport": PHONE, "locale": "en-GB"}


@pytest.fixture
def page(page):
    """Every page of a journey must obey the Content-Security-Policy: a refused script or style
    fails the test."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    assert not refused, f"Content-Security-Policy refused: {refused}"


def assert_accessible(page) -> None:
    """axe-core on the current page: no serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    details = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in serious
    ]
    assert not serious, f"axe on {page.url}:\n" + "\n".join(details)


def admin_log_in(page, base: str, email: str, password: str = "youngcities-demo") -> None:
    """Log in to the Wagtail admin as a demo user."""
    from playwright.sync_api import expect

    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{base}/admin/")
