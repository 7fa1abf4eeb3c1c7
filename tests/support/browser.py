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

    # A message still fading in (Wagtail's, after a POST) has, for a moment, too little contrast:
    # axe reads the page as it settles, once its finite animations have finished.
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => null)))"""
    )
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


def header_menu(page):
    """The header's menu as a person sees it: on a phone, opened from its "Menu" button; on a
    wider screen, the row under the brand."""
    toggle = page.locator(".site-menu__toggle")
    if toggle.is_visible():
        if page.locator(".site-menu[open]").count() == 0:
            toggle.click()
        return page.locator(".site-menu__panel")
    return page.locator(".site-header__nav")


DEMO_PASSWORD = "youngcities-demo"
_codes_used: set[tuple[str, int]] = set()


@pytest.fixture(autouse=True)
def _fresh_totp_codes():
    """Codes used by an earlier test were recorded in that test's cache, not this one's: without
    this, a journey that follows another within 30 seconds waits for the next period."""
    _codes_used.clear()


def fresh_totp_code(secret: str) -> str:
    """A code the authenticator app would show, not yet used in this test: allauth accepts each
    code once, and one period either side (MFA_TOTP_TOLERANCE), so a journey can log the same
    person in three times in 30 seconds before it must wait for the next period. allauth keeps
    the used codes in the cache, which every test starts empty, hence `_fresh_totp_codes`."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    while True:
        now = int(time.time()) // 30
        for counter in (now, now + 1, now - 1):
            if (secret, counter) not in _codes_used:
                _codes_used.add((secret, counter))
                return format_hotp_value(hotp_value(secret, counter))
        time.sleep(30 - time.time() % 30 + 0.1)


def log_in(page, base: str, email: str, *, language: str = "en", next_url: str = "") -> None:
    """Log in through the one door (allauth), giving the demo TOTP code when asked for one;
    without `next_url` the person lands on their account page."""
    from playwright.sync_api import expect

    from demo.content import DEMO_TOTP_SECRET

    suffix = f"?next={next_url}" if next_url else ""
    page.goto(f"{base}/{language}/account/login/{suffix}")
    page.fill("#id_login", email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    if "/account/2fa/authenticate/" in page.url:
        page.fill("#id_code", fresh_totp_code(DEMO_TOTP_SECRET))
        page.click("form.form button[type=submit]")
        page.wait_for_load_state()
    if not next_url:
        expect(page).to_have_url(f"{base}/{language}/my/")


def admin_log_in(page, base: str, email: str) -> None:
    """Log in to the Wagtail admin as a demo user: the admin sends people to allauth's login."""
    from playwright.sync_api import expect

    log_in(page, base, email, next_url="/admin/")
    expect(page).to_have_url(f"{base}/admin/")
