"""The Online Hub in a real browser (the issue's proof, as far as it is built): a Saida officer
applies for membership from their account page, staff approve; the officer shares a strategy,
staff publish it; another member finds it by a word inside the PDF and reads the passage. axe
checks the hub's pages."""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from playwright.sync_api import expect

from demo.files import pdf_with_text
from tests.support.browser import admin_log_in, assert_accessible, log_in
from youthcities.accounts.models import User

pytestmark = pytest.mark.e2e


def saida_officer() -> User:
    user = User.objects.create_user(
        email="new.officer@example.org",
        password=settings.DEMO_PASSWORD,
        display_name="Saida municipality",
        preferred_language="en",
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def test_an_officer_joins_shares_a_strategy_and_another_member_finds_it(
    browser, live_server, demo, tmp_path
):
    base = live_server.url
    saida_officer()

    # The officer applies from their account page.
    officer = browser.new_page()
    log_in(officer, base, "new.officer@example.org")
    officer.get_by_role("link", name="Online Hub membership").click()
    assert_accessible(officer)
    officer.get_by_label("Your city").select_option(label="Saida")
    officer.get_by_label("Organisation").fill("Municipality of Saida")
    officer.get_by_label("Your role").fill("Youth policy officer")
    officer.get_by_label("Why do you want to join?").fill("We write our youth strategy.")
    officer.get_by_role("button", name="Send my application").click()
    expect(officer.get_by_test_id("membership-status")).to_be_visible()

    # Programme staff approve it in the admin.
    staff = browser.new_page()
    admin_log_in(staff, base, "staff@example.org")
    staff.goto(f"{base}/admin/hub/memberships/")
    row = staff.locator("tr", has_text="new.officer@example.org")
    row.get_by_role("button", name="Approve").click()
    expect(staff.locator(".messages")).to_contain_text("Approved")

    # The officer, now a member, shares the strategy.
    officer.goto(f"{base}/en/hub/membership/")
    expect(officer.get_by_text("You are a member of the hub")).to_be_visible()
    officer.get_by_role("link", name="Share a document with the network").first.click()
    assert_accessible(officer)
    strategy = tmp_path / "saida-strategy.pdf"
    strategy.write_bytes(pdf_with_text("Saida youth strategy", "Twinning with a sister city."))
    officer.get_by_label("File").set_input_files(str(strategy))
    officer.get_by_label("Title").fill("Saida youth strategy 2027")
    officer.get_by_label("Summary").fill("Our plan for young people.")
    officer.get_by_label("Kind of document").select_option("strategy")
    officer.get_by_label("Civic participation").check()
    officer.locator("#id_city").select_option(label="Saida")
    officer.get_by_label("Language of the document").select_option("en")
    officer.get_by_label("Members only").check()
    officer.get_by_role("button", name="Send for review").click()
    expect(officer.get_by_text("Waiting for review")).to_be_visible()

    # Staff publish it.
    staff.goto(f"{base}/admin/hub/documents/")
    staff.get_by_role("link", name="Saida youth strategy 2027").click()
    staff.get_by_role("button", name="Publish").click()
    expect(staff.locator(".messages")).to_contain_text("the member is told")

    # Another member (municipal staff of Zarqa) finds it by a word inside the PDF.
    other = browser.new_page()
    log_in(other, base, "municipal@example.org")
    other.goto(f"{base}/en/hub/?q=twinning")
    card = other.locator("article", has_text="Saida youth strategy 2027")
    expect(card.locator("mark")).to_have_text("Twinning")
    expect(card.get_by_role("link", name="Download (PDF")).to_be_visible()
    assert_accessible(other)

    # A visitor sees that it exists, for members only, and never its file.
    visitor = browser.new_page()
    visitor.goto(f"{base}/en/hub/")
    card = visitor.locator("article", has_text="Saida youth strategy 2027")
    expect(card.get_by_text("Members only")).to_be_visible()
    expect(card.get_by_role("link", name="Apply for membership")).to_be_visible()
    expect(card.locator("a[href*='/file/']")).to_have_count(0)
    assert_accessible(visitor)


def test_a_member_asks_to_be_put_in_touch_from_an_initiative(browser, live_server, demo):
    """Zarqa's officer reads Tripoli's initiatives and presses "Put me in touch" there: the form
    names the initiative and starts with it; the request remembers what it was about."""
    base = live_server.url
    member = browser.new_page()
    log_in(member, base, "municipal@example.org")
    member.goto(f"{base}/en/cities/tripoli/")
    member.get_by_role("link", name="Put me in touch about these initiatives").click()
    assert_accessible(member)
    expect(member.get_by_text("About this initiative")).to_be_visible()
    wish = member.get_by_label("What do you want to learn from this city?")
    started = (
        "I would like to learn about “Schools and youth groups ran a counter-narrative "
        "campaign against online hate”: "  # the section's own full stop left out
    )
    expect(wish).to_have_value(started)
    wish.fill(started + "how did the schools join?")
    member.get_by_role("button", name="Send my request").click()
    expect(member.get_by_role("heading", name="My introductions")).to_be_visible()
    card = member.locator("li.card", has_text="You asked to meet Tripoli").first
    expect(card).to_contain_text("An initiative on the city's profile")
    assert_accessible(member)
