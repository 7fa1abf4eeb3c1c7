import pytest
from playwright.sync_api import expect

from tests.support.browser import assert_accessible, header_menu

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("code", "direction", "heading"),
    [
        ("en", "ltr", "together against hate"),
        ("fr", "ltr", "ensemble contre la haine"),
        ("ar", "rtl", "معًا ضد الكراهية"),
    ],
)
def test_home_page_in_each_language(page, live_server, demo, code, direction, heading):
    page.goto(f"{live_server.url}/{code}/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", code)
    expect(html).to_have_attribute("dir", direction)
    expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)


def test_arabic_layout_mirrors(page, live_server, demo):
    page.goto(f"{live_server.url}/en/")
    english_brand = page.locator(".brand").bounding_box()
    page.goto(f"{live_server.url}/ar/")
    arabic_brand = page.locator(".brand").bounding_box()
    width = page.viewport_size["width"]
    assert english_brand["x"] < width / 2  # brand at the start (left) in English
    assert arabic_brand["x"] + arabic_brand["width"] > width / 2  # at the start (right) in Arabic


def test_switching_language_keeps_the_page(page, live_server, demo):
    page.goto(f"{live_server.url}/en/how-it-works/")
    page.get_by_role("link", name="français").click()
    expect(page).to_have_url(f"{live_server.url}/fr/how-it-works/")
    expect(page.locator("h1")).to_have_text("Comment ça marche")
    page.get_by_role("link", name="العربيّة").click()
    expect(page).to_have_url(f"{live_server.url}/ar/how-it-works/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)


def test_root_follows_the_browser_language(browser, live_server, demo):
    context = browser.new_context(locale="ar", extra_http_headers={"Accept-Language": "ar"})
    arabic = context.new_page()
    arabic.goto(f"{live_server.url}/")
    assert arabic.url == f"{live_server.url}/ar/"
    context.close()


def test_unknown_language_prefix_shows_a_404_in_the_visitors_language(browser, live_server, demo):
    context = browser.new_context(extra_http_headers={"Accept-Language": "fr"})
    visitor = context.new_page()
    response = visitor.goto(f"{live_server.url}/xx/")
    assert response.status == 404
    expect(visitor.locator("html")).to_have_attribute("lang", "fr")
    expect(visitor.locator("h1")).to_contain_text("Nous n")
    assert_accessible(visitor)
    context.close()


def test_public_pages_work_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    visitor = context.new_page()
    visitor.goto(f"{live_server.url}/en/")
    header_menu(visitor).get_by_role("link", name="How it works").click()
    expect(visitor.locator("h1")).to_have_text("How it works")
    context.close()
