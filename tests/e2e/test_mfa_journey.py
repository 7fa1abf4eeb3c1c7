"""A new member of programme staff opens the admin, is sent to allauth's login, must set up an
authenticator app before reaching anything, and from then on logs in with a code."""

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from tests.factories.accounts import PASSWORD, UserFactory
from tests.support.browser import assert_accessible, fresh_totp_code
from youthcities.accounts.services import roles_ensure_groups

pytestmark = pytest.mark.e2e


def type_password(page, email):
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")


def test_staff_enrol_totp_at_first_login_then_log_in_with_a_code(page, live_server, demo):
    base = live_server.url
    roles_ensure_groups()
    staff = UserFactory(email="new.staff@example.org", roles=["programme_staff"], is_staff=True)
    Authenticator.objects.filter(user=staff).delete()  # a new colleague: nothing enrolled yet

    # The admin's door is allauth's.
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(f"{base}/en/account/login/?next=/admin/")
    assert_accessible(page)
    type_password(page, staff.email)

    # Nothing privileged until a second factor is set up.
    expect(page).to_have_url(f"{base}/en/account/2fa/")
    expect(page.get_by_text("needs two-step verification")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(f"{base}/en/account/2fa/")
    page.goto(f"{base}/en/account/2fa/totp/activate/")
    assert_accessible(page)
    secret = page.input_value("#authenticator_secret")
    page.fill("#id_code", fresh_totp_code(secret))
    page.click("form.form button[type=submit]")

    # Recovery codes, shown once.
    expect(page).to_have_url(f"{base}/en/account/2fa/recovery-codes/")
    codes = Authenticator.objects.get(user=staff, type="recovery_codes").wrap().get_unused_codes()
    expect(page.get_by_text(codes[0])).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(f"{base}/admin/")

    # Next time: password, then a code.
    page.context.clear_cookies()
    page.goto(f"{base}/admin/")
    type_password(page, staff.email)
    expect(page).to_have_url(f"{base}/en/account/2fa/authenticate/")
    assert_accessible(page)
    page.fill("#id_code", fresh_totp_code(secret))
    page.click("form.form button[type=submit]")
    expect(page).to_have_url(f"{base}/admin/")

    # Someone with the password but not the phone: five wrong codes, then even the right one
    # is refused for a while.
    page.context.clear_cookies()
    page.goto(f"{base}/admin/")
    type_password(page, staff.email)
    expect(page).to_have_url(f"{base}/en/account/2fa/authenticate/")
    for _ in range(5):
        page.fill("#id_code", "000000")
        page.click("form.form button[type=submit]")
        expect(page.get_by_text("Incorrect code.", exact=True)).to_be_visible()
    page.fill("#id_code", fresh_totp_code(secret))
    page.click("form.form button[type=submit]")
    expect(
        page.locator(".errorlist, .alert").filter(has_text="Too many failed login attempts").first
    ).to_be_visible()
    assert_accessible(page)
