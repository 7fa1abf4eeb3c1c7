"""An Arabic visitor on a 360 px phone: the campaigns list shows Arabic campaigns first; opening
an Arabic campaign and then an English one keeps the whole interface in Arabic. The header menu
folds into one "Menu" button on the phone and stands in a row on a desktop. Every page touched
fits 360 px and passes axe, in English and Arabic."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from campaigns.models import CampaignPage
from tests.support.browser import assert_accessible
from youthcities.network.workshops.models import Workshop

pytestmark = pytest.mark.e2e
SMALL_PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1366, "height": 900}


def assert_fits(page) -> None:
    wider = page.evaluate("document.documentElement.scrollWidth") - page.viewport_size["width"]
    assert wider <= 0, f"{page.url} is {wider}px wider than the screen"


def expect_arabic_interface(page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert "/ar/" in page.url


def test_the_arabic_visitor_opens_arabic_and_english_campaigns_and_stays_in_arabic(
    browser, live_server, demo
):
    context = browser.new_context(viewport=SMALL_PHONE, locale="ar")
    phone = context.new_page()
    phone.goto(f"{live_server.url}/ar/campaigns/")
    cards = phone.locator("article.campaign-card")
    expect(cards.first).to_have_attribute("lang", "ar")
    assert_accessible(phone)
    assert_fits(phone)

    cards.first.locator("h2 a").click()
    expect_arabic_interface(phone)
    expect(phone.locator(".campaign [lang=ar] h1")).to_be_visible()
    assert_fits(phone)

    phone.goto(f"{live_server.url}/ar/campaigns/")
    english = phone.locator("article.campaign-card[lang=en]").first
    expect(english.locator(".badge")).to_have_text("الإنجليزية")
    title = english.locator("h2 a").inner_text()
    english.locator("h2 a").click()
    expect_arabic_interface(phone)
    assert "/ar/campaigns/en/" in phone.url
    expect(phone.locator(".campaign [lang=en] h1")).to_have_text(title)
    expect(phone.locator(".campaign__header .card__meta a").first).to_have_attribute(
        "href", "/ar/campaigns/"
    )
    share = phone.locator(".share__url")
    path = phone.url.split(live_server.url)[1]
    expect(share).to_have_value(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path)
    assert_accessible(phone)
    assert_fits(phone)

    # Supporting it, the visitor comes back to the same Arabic page.
    phone.locator(".campaign__support a.button").click()
    expect_arabic_interface(phone)
    context.close()


def test_the_header_menu_is_one_button_on_a_phone_and_a_row_on_a_desktop(
    browser, live_server, demo
):
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=False)
    phone = context.new_page()
    phone.goto(f"{live_server.url}/ar/")
    grants = phone.get_by_role("link", name="منح الابتكار")
    expect(grants).to_be_hidden()
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] < 160, "the content starts near the top of the phone's screen"
    phone.locator(".site-menu__toggle").click()
    expect(grants).to_be_visible()
    grants.click()
    expect_arabic_interface(phone)
    assert phone.url.endswith("/ar/grants/")
    context.close()

    desktop = browser.new_page(viewport=DESKTOP)
    desktop.goto(f"{live_server.url}/en/")
    expect(desktop.locator(".site-menu__toggle")).to_be_hidden()
    expect(desktop.get_by_role("link", name="Innovation grants")).to_be_visible()
    desktop.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_touched_page_fits_a_small_phone_and_passes_axe(browser, live_server, demo, language):
    english = CampaignPage.objects.live().filter(locale__language_code="en").first()
    workshop = Workshop.objects.filter(city__slug="zarqa").first()
    paths = [
        "/",
        "/campaigns/",
        f"/campaigns/en/{english.slug}/" if language != "en" else english.url[3:],
        "/cities/zarqa/",
        f"/workshops/{workshop.slug}/",
        "/workshops/",
        "/hub/",
        "/hub/?q=youth",
        "/grants/local-innovation-grants-2027/",
    ]
    for viewport in (SMALL_PHONE, DESKTOP):
        page = browser.new_page(viewport=viewport)
        for path in paths:
            page.goto(f"{live_server.url}/{language}{path}")
            expect(page.locator("html")).to_have_attribute("lang", language)
            assert_fits(page)
            if viewport is SMALL_PHONE:
                assert_accessible(page)
        page.close()
