"""An activist takes their data, then leaves: the ZIP downloads, the account goes, and the
campaign they wrote stays published under "Former member". Every page axe-clean, en and ar."""

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from campaigns.models import CampaignPage
from tests.support.browser import assert_accessible
from youthcities.accounts.models import User

pytestmark = pytest.mark.e2e
PASSWORD = "kite-harbour-violet-17"


def test_download_my_data_then_delete_the_account(page, live_server, demo):
    base = live_server.url
    author = User.objects.get(email="activist2@example.org")  # Awa, who wrote campaigns
    author.set_password(PASSWORD)
    author.save()
    EmailAddress.objects.update_or_create(
        user=author, email=author.email, defaults={"verified": True, "primary": True}
    )
    campaign = CampaignPage.objects.live().filter(owner=author).first()

    page.goto(f"{base}/en/account/login/")
    page.get_by_label("Email:", exact=True).fill(author.email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/my/**")

    page.goto(f"{base}/ar/account/data/")
    assert_accessible(page)
    page.goto(f"{base}/en/account/data/")
    expect(page.locator("main")).to_contain_text("Campaigns")
    assert_accessible(page)
    page.get_by_role("button", name="Download my data").click()
    # The task ran (tests run tasks at once); without JavaScript, the page is reloaded.
    page.get_by_role("link", name="Reload this page").or_(
        page.get_by_role("link", name="Download the ZIP file")
    ).first.wait_for()
    page.goto(f"{base}/en/account/data/")
    expect(page.get_by_test_id("export-status")).to_contain_text("Your data is ready")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the ZIP file").click()
    with zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read())) as archive:
        campaigns = json.loads(archive.read("campaigns.json"))
    assert campaign.title in {row["title"] for row in campaigns}

    page.goto(f"{base}/ar/account/delete/")
    assert_accessible(page)
    page.goto(f"{base}/en/account/data/")
    page.get_by_role("link", name="Delete my account").click()
    expect(page.locator("h1")).to_have_text("Delete my account")
    assert_accessible(page)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand that this cannot be undone").check()
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.locator("h1")).to_have_text("Your account is deleted")
    assert_accessible(page)

    page.goto(f"{base}{campaign.url}")
    expect(page.locator(".campaign__authors")).to_have_text("By Former member")
    assert_accessible(page)
