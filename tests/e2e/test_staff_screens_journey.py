"""Staff screens in a real browser, on a 360 px phone and a desktop, in English and Arabic:
the dashboard's "Waiting for you" panel for programme staff, finance and moderators, the
decision page with its reviews and its confirmation step, and finance's "ready to pay" list.
axe checks every page; no page is wider than the screen."""

import pytest
from playwright.sync_api import expect

from grants.applications.models import Application
from grants.calls.models import GrantCall
from tests.support.browser import admin_log_in, assert_accessible

pytestmark = pytest.mark.e2e
CLOSED_CALL = "local-innovation-grants-2026"
SCREENS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1366, "height": 900}}


def _fits(page, width: int) -> None:
    wider = page.evaluate("document.documentElement.scrollWidth") - width
    assert wider <= 0, f"{page.url} is {wider}px wider than a {width}px screen"


def _person(browser, base, email, *, language, screen):
    context = browser.new_context(
        viewport=SCREENS[screen], locale={"en": "en-GB", "ar": "ar-JO"}[language]
    )
    page = context.new_page()
    admin_log_in(page, base, email)
    page.reload()  # Wagtail's "signed in" message fades in: axe reads the page without it
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    return page


@pytest.mark.parametrize(("language", "screen"), [("en", "phone"), ("ar", "desktop")])
def test_staff_see_what_waits_and_decide_with_the_reviews_beside_the_form(
    browser, live_server, demo, language, screen
):
    base, width = live_server.url, SCREENS[screen]["width"]
    application = (
        GrantCall.objects.get(slug=CLOSED_CALL)
        .applications.filter(status=Application.Status.SUBMITTED, reviews__status="submitted")
        .distinct()
        .order_by("reference")
        .first()
    )

    staff = _person(browser, base, "staff@example.org", language=language, screen=screen)
    panel = staff.locator("section.yc-waiting")
    expect(panel).to_be_visible()
    expect(panel.locator(".yc-waiting__item")).to_have_count(3)
    assert_accessible(staff)
    _fits(staff, width)

    staff.goto(f"{base}/admin/grants/applications/{application.pk}/decide/")
    reviews = application.reviews.filter(status="submitted").count()
    expect(staff.locator("article.yc-review")).to_have_count(reviews)  # every one of them
    expect(staff.locator("#standing-title")).to_be_visible()
    assert_accessible(staff)
    _fits(staff, width)
    if language == "en":
        staff.get_by_label("Approve").check()
        staff.get_by_label("Amount to award").fill("600")
        staff.get_by_role("button", name="Record the decision").click()
        expect(staff.get_by_role("heading", name="Approve this application?")).to_be_visible()
        expect(staff.locator(".yc-confirm tbody tr")).to_have_count(3)  # the tranches
        assert_accessible(staff)
        _fits(staff, width)
        staff.get_by_role("button", name="Go back and change").click()
        expect(staff.get_by_label("Amount to award")).to_have_value("600")
        application.refresh_from_db()
        assert application.status == Application.Status.SUBMITTED  # nothing decided

    finance = _person(browser, base, "finance@example.org", language=language, screen=screen)
    expect(finance.locator("section.yc-waiting .yc-waiting__item")).to_have_count(2)
    assert_accessible(finance)
    finance.goto(f"{base}/admin/grants/finance/ready-to-pay/")
    expect(finance.locator("h1")).to_be_visible()
    assert_accessible(finance)
    _fits(finance, width)

    moderator = _person(browser, base, "moderator@example.org", language=language, screen=screen)
    expect(moderator.locator("section.yc-waiting .yc-waiting__item")).to_have_count(2)
    assert_accessible(moderator)
    _fits(moderator, width)
