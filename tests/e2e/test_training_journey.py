"""A training module in a real browser, in Arabic, without a line of JavaScript of ours: a young
person finds Training from the home page, reads and marks each lesson, fails the quiz once,
passes it, opens the certificate that carries their display name and downloads it as a PDF.
axe checks each page."""

import unicodedata

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from playwright.sync_api import expect
from pypdf import PdfReader

from demo import training_content as content
from tests.support.browser import assert_accessible, log_in
from youthcities.accounts.models import User

pytestmark = pytest.mark.e2e


def test_a_young_person_completes_a_module_in_arabic_and_gets_the_certificate(
    browser, live_server, demo
):
    base = live_server.url
    user = User.objects.create_user(
        email="learner@example.org",
        password=settings.DEMO_PASSWORD,
        display_name="نور",
        legal_name="Nour Legal-Name",
        preferred_language="ar",
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    module = content.COOPERATION
    arabic = module["ar"]

    page = browser.new_page()
    log_in(page, base, "learner@example.org", language="ar")
    page.goto(f"{base}/ar/")
    page.locator(".home-training a.button").click()
    expect(page).to_have_url(f"{base}/ar/training/")
    assert_accessible(page)
    page.get_by_role("link", name=arabic["title"]).click()
    assert_accessible(page)
    page.locator("article a.button").click()  # start the first lesson

    for title, _html in arabic["lessons"]:
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        assert_accessible(page)
        page.get_by_test_id("lesson-done").click()

    # The last lesson leads to the quiz. A first try, all wrong, does not pass.
    expect(page).to_have_url(f"{base}/ar/training/{module['slug']}/quiz/")
    assert_accessible(page)
    questions = arabic["quiz"]
    for (question, answers), (_multiple, right) in zip(questions, module["key"], strict=True):
        wrong = next(n for n in range(len(answers)) if n not in right)
        page.get_by_role("group", name=question).get_by_label(answers[wrong], exact=True).check()
    page.get_by_test_id("quiz-submit").click()
    expect(page.get_by_test_id("certificate-link")).to_have_count(0)

    # The second try, all right, passes and gives the certificate.
    for (question, answers), (_multiple, right) in zip(questions, module["key"], strict=True):
        group = page.get_by_role("group", name=question)
        for n in right:
            group.get_by_label(answers[n], exact=True).check()
    page.get_by_test_id("quiz-submit").click()
    assert_accessible(page)
    page.get_by_test_id("certificate-link").click()
    expect(page.locator(".certificate")).to_contain_text("نور")
    expect(page.locator(".certificate")).to_contain_text(arabic["title"])
    expect(page.locator(".certificate")).not_to_contain_text("Legal-Name")
    assert "/ar/certificates/" in page.url
    assert_accessible(page)

    # The owner downloads it as a PDF, in Arabic, with their display name.
    with page.expect_download() as download_info:
        page.get_by_test_id("certificate-pdf").click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{module['slug']}.pdf"
    text = "".join(p.extract_text() for p in PdfReader(download.path()).pages)
    plain = unicodedata.normalize("NFKC", text)  # joined letter forms folded back
    assert "نور" in plain
    assert arabic["title"] in plain
    assert "Legal-Name" not in text

    # Anyone with the address can check it, signed in or not.
    visitor = browser.new_page()
    visitor.goto(page.url)
    expect(visitor.locator(".certificate")).to_contain_text("نور")
    expect(visitor.get_by_test_id("certificate-pdf")).to_have_count(0)
