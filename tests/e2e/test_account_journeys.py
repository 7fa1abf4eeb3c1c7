import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories.accounts import born_years_ago
from tests.support.browser import assert_accessible

pytestmark = pytest.mark.e2e
PASSWORD = "river-lantern-orbit-42"


def sign_up(page, base, *, email, display_name, born, country, guardian_email=""):
    page.goto(f"{base}/en/account/signup/")
    assert_accessible(page)
    page.get_by_label("Email:", exact=True).fill(email)
    page.get_by_label("Display name").fill(display_name)
    page.get_by_label("Date of birth").fill(born.isoformat())
    page.get_by_label("Country").select_option(country)
    page.get_by_label("City or town").fill("Berlin")
    if guardian_email:
        page.get_by_label("Parent's or guardian's email").fill(guardian_email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.locator("h1")).to_contain_text("Verify")
    assert_accessible(page)


def confirm_email(page, email):
    message = next(m for m in mail.outbox if m.to == [email] and "confirm-email" in m.body)
    link = re.search(r"https?://\S+/confirm-email/\S+", message.body).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()


def log_in(page, base, email):
    page.goto(f"{base}/en/account/login/")
    assert_accessible(page)
    page.get_by_label("Email:", exact=True).fill(email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_sign_up_verify_and_log_in(page, live_server, demo):
    sign_up(
        page,
        live_server.url,
        email="amal@example.org",
        display_name="Amal",
        born=born_years_ago(21),
        country="LB",
    )
    confirm_email(page, "amal@example.org")
    page.context.clear_cookies()
    log_in(page, live_server.url, "amal@example.org")
    expect(page).to_have_url(f"{live_server.url}/en/my/")
    expect(page.locator("main")).to_contain_text("Your account is ready")
    assert_accessible(page)


def test_minor_is_blocked_until_the_guardian_confirms(page, browser, live_server, demo):
    sign_up(
        page,
        live_server.url,
        email="jonas@example.org",
        display_name="Jonas",
        born=born_years_ago(14),
        country="DE",
        guardian_email="mother@example.org",
    )
    confirm_email(page, "jonas@example.org")
    page.goto(f"{live_server.url}/en/my/")
    if "/login/" in page.url:
        log_in(page, live_server.url, "jonas@example.org")
    reason = page.get_by_test_id("participation-reason")
    expect(reason).to_contain_text("parent or guardian has not yet confirmed")
    assert_accessible(page)

    guardian_mail = next(m for m in mail.outbox if m.to == ["mother@example.org"])
    link = re.search(r"https?://\S+/guardian/\S+/", guardian_mail.body).group(0)
    link = re.sub(r"^https?://[^/]+", live_server.url, link)
    guardian_context = browser.new_context(viewport={"width": 1280, "height": 900})
    guardian = guardian_context.new_page()
    guardian.goto(link)
    expect(guardian.locator("main")).to_contain_text("Jonas has signed up")
    assert_accessible(guardian)
    guardian.get_by_label("Your full name").fill("Anna Beispiel")
    guardian.get_by_label("I am this young person's parent or legal guardian").check()
    guardian.get_by_role("button", name="I agree").click()
    expect(guardian.locator("main")).to_contain_text("You have agreed that Jonas may take part")
    assert_accessible(guardian)

    guardian.goto(link)
    expect(guardian.locator("h1")).to_have_text("Consent already given")
    guardian_context.close()

    page.reload()
    expect(page.locator("main")).to_contain_text("Your account is ready")
    expect(page.get_by_test_id("participation-reason")).to_have_count(0)
