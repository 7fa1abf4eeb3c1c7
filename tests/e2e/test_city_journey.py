"""The municipal loop in a real browser: staff create a policy workshop in Irbid, a young person
registers and writes a recommendation, a municipal officer of Irbid accepts it and posts 40 %
progress, and the public Arabic city page shows the commitment. axe checks the public pages."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.support.browser import admin_log_in, assert_accessible, log_in
from youthcities.network.cities.models import CityStaff
from youthcities.network.workshops.models import Commitment, Workshop

pytestmark = pytest.mark.e2e


def test_a_recommendation_becomes_a_public_commitment(browser, live_server, demo):
    base = live_server.url
    starts = timezone.localdate() + datetime.timedelta(days=14)

    # Programme staff create the workshop in the admin.
    staff = browser.new_page()
    admin_log_in(staff, base, "staff@example.org")
    staff.goto(f"{base}/admin/network/workshops/new/")
    staff.select_option("#id_kind", "policy_workshop")
    staff.select_option("#id_city", label="Irbid")
    staff.fill("#id_title_en", "Irbid youth policy days")
    staff.fill("#id_title_ar", "أيام سياسات الشباب في إربد")
    staff.fill("#id_slug", "irbid-youth-policy-days")
    staff.fill("#id_description_en", "Young people and the municipality shape the youth policy.")
    staff.fill("#id_starts_on", starts.isoformat())
    staff.fill("#id_ends_on", (starts + datetime.timedelta(days=2)).isoformat())
    staff.fill("#id_capacity", "20")
    staff.fill("#id_venue", "Irbid Youth Centre, second floor")
    staff.get_by_role("button", name="Create").click()
    expect(staff.locator(".messages")).to_contain_text("created")
    workshop = Workshop.objects.get(slug="irbid-youth-policy-days")

    # A young person registers and writes a recommendation.
    young = browser.new_page()
    log_in(young, base, "applicant@example.org")
    young.goto(f"{base}/en/workshops/{workshop.slug}/")
    expect(young.get_by_text("Irbid Youth Centre")).to_have_count(0)
    assert_accessible(young)
    young.get_by_role("button", name="Register").click()
    expect(young.get_by_text("Irbid Youth Centre, second floor")).to_be_visible()
    young.get_by_role("link", name="Write a recommendation").click()
    assert_accessible(young)
    young.get_by_label("Title").fill("Youth seats on the budget committee")
    young.get_by_label("Your recommendation").fill("Two young people sit on the budget committee.")
    young.get_by_label("Theme").select_option("inclusion")
    young.get_by_label("Department addressed").fill("Finance")
    young.get_by_role("button", name="Send it to the city").click()
    expect(young.locator(".message--success")).to_be_visible()

    # The municipal officer of Irbid accepts it and posts progress.
    CityStaff.objects.filter(user__email="municipal@example.org").update(city=workshop.city)
    officer = browser.new_page()
    log_in(officer, base, "municipal@example.org")
    officer.goto(f"{base}/en/cities/irbid/")
    card = officer.locator("article.card", has_text="Youth seats on the budget committee")
    card.get_by_role("link", name="Give the official answer").click()
    officer.get_by_label("Accepted").check()
    officer.get_by_label("Public explanation").fill("Two seats from the next budget round.")
    officer.get_by_label("Responsible department").fill("Finance")
    officer.get_by_label("Due date").fill("2027-06-30")
    # The answer is previewed as the city page will show it before it goes public.
    officer.get_by_role("button", name="Preview the answer").click()
    officer.get_by_role("button", name="Publish the answer").click()
    expect(officer).to_have_url(f"{base}/en/cities/irbid/")
    commitment = Commitment.objects.get(recommendation__title="Youth seats on the budget committee")
    officer.goto(f"{base}/en/commitments/{commitment.pk}/progress/")
    officer.get_by_label("Progress (%)").fill("40")
    officer.get_by_label("Note").fill("The council voted the seats.")
    officer.get_by_role("button", name="Publish the progress").click()
    expect(officer.locator(".message--success")).to_be_visible()

    # The public reads it in Arabic, right to left.
    public = browser.new_context(java_script_enabled=False).new_page()
    public.goto(f"{base}/ar/cities/irbid/")
    expect(public.locator("html")).to_have_attribute("dir", "rtl")
    card = public.locator("article.commitment", has_text="Youth seats on the budget committee")
    expect(card.locator(".progress__label")).to_have_text("أُنجز 40%")
    public.goto(f"{base}/ar/cities/irbid/commitments/")
    expect(public.get_by_text("The council voted the seats.")).to_be_attached()
    axe_page = browser.new_page()
    for path in [
        "/ar/cities/irbid/",
        "/ar/cities/irbid/commitments/",
        f"/ar/workshops/{workshop.slug}/",
    ]:
        axe_page.goto(base + path)
        assert_accessible(axe_page)
