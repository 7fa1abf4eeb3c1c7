"""The review and decision pages: a permission matrix over every URL and role, the reviewer's
journey through declaration and scoring, blind review, the staff ranking's query count, the
decision form and the export."""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook

from grants.applications.models import Application, Attachment
from grants.review.models import ExportJob, Review, ReviewAssignment
from tests.factories.accounts import UserFactory
from tests.grants.review_helpers import make_applications, make_call, make_staff, score
from youthcities.accounts.roles import FINANCE, MODERATOR, MUNICIPAL, REVIEWER

pytestmark = pytest.mark.django_db
State = ReviewAssignment.State


@dataclass
class World:
    call: object
    application: Application
    assignment: ReviewAssignment
    document: Attachment
    export: ExportJob
    people: dict


@pytest.fixture
def world():
    call = make_call(blind_review=True)
    applicant = UserFactory(display_name="Noura K.")
    application = make_applications(call, 1, applicant=applicant)[0]
    people = {
        "anonymous": None,
        "applicant": applicant,
        "another applicant": UserFactory(),
        "reviewer assigned": UserFactory(roles=[REVIEWER]),
        "reviewer not assigned": UserFactory(roles=[REVIEWER]),
        "conflicted reviewer": UserFactory(roles=[REVIEWER]),
        "programme staff": make_staff(),
        "finance": UserFactory(roles=[FINANCE], is_staff=True),
        "moderator": UserFactory(roles=[MODERATOR], is_staff=True),
        "municipal staff": UserFactory(roles=[MUNICIPAL]),
    }
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=people["reviewer assigned"], state=State.ACCEPTED
    )
    ReviewAssignment.objects.create(
        application=application,
        reviewer=people["conflicted reviewer"],
        state=State.CONFLICTED,
        conflict_reason="My sister's group",
    )
    document = Attachment(
        application=application,
        uploaded_by=applicant,
        kind="budget_sheet",
        original_name="budget.pdf",
        content_type="application/pdf",
        size=8,
    )
    document.file.save("budget.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    export = ExportJob.objects.create(
        call=call, requested_by=people["programme staff"], format="csv", status="done"
    )
    export.file.save("ranking.csv", ContentFile(b"a,b\n"), save=True)
    return World(call, application, assignment, document, export, people)


def _urls(world):
    call, application = world.call, world.application
    return {
        "review dashboard": (reverse("grants_review:dashboard"), {"reviewer assigned", "reviewer not assigned", "conflicted reviewer"}),
        "assignment": (reverse("grants_review:assignment", args=[world.assignment.pk]), {"reviewer assigned"}),
        "document": (reverse("grants:document", args=[world.document.token]), {"applicant", "reviewer assigned", "programme staff"}),
        "ranking": (reverse("grants_review_admin:ranking", args=[call.pk]), {"programme staff"}),
        "calibration": (reverse("grants_review_admin:calibration", args=[call.pk]), {"programme staff"}),
        "reviewers": (reverse("grants_review_admin:assign", args=[call.pk]), {"programme staff"}),
        "unlock rubric": (reverse("grants_review_admin:unlock", args=[call.pk]), {"programme staff"}),
        "decide": (reverse("grants_review_admin:decide", args=[application.pk]), {"programme staff"}),
        "export status": (reverse("grants_review_admin:export", args=[world.export.pk]), {"programme staff"}),
        "export download": (reverse("grants_review_admin:export_download", args=[world.export.pk]), {"programme staff"}),
    }  # fmt: skip


ROLES = [
    "anonymous",
    "applicant",
    "another applicant",
    "reviewer assigned",
    "reviewer not assigned",
    "conflicted reviewer",
    "programme staff",
    "finance",
    "moderator",
    "municipal staff",
]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_expected_roles_open_each_review_url(client, world, role):
    person = world.people[role]
    if person is not None:
        client.force_login(person)
    for name, (url, allowed) in _urls(world).items():
        response = client.get(url)
        if role in allowed:
            assert response.status_code == 200, (name, role, response.status_code)
        else:
            assert response.status_code in (302, 403, 404), (name, role, response.status_code)
            if response.status_code == 302:  # to log in, or to the admin home ("no permission")
                assert response["Location"].startswith(("/admin/", "/en/account/login/")), (
                    name,
                    role,
                    response["Location"],
                )


POSTS = {
    "declare": lambda w: (reverse("grants_review:declare", args=[w.assignment.pk]), {"conflict": "no"}),
    "score": lambda w: (reverse("grants_review:assignment", args=[w.assignment.pk]), {"action": "save"}),
    "auto assign": lambda w: (reverse("grants_review_admin:assign", args=[w.call.pk]), {"action": "auto"}),
    "decide": lambda w: (reverse("grants_review_admin:decide", args=[w.application.pk]), {"outcome": "declined"}),
    "unlock": lambda w: (reverse("grants_review_admin:unlock", args=[w.call.pk]), {"reason": "typo"}),
    "export": lambda w: (reverse("grants_review_admin:export_start", args=[w.call.pk]), {"format": "csv"}),
}  # fmt: skip
POST_ALLOWED = {
    "declare": "reviewer assigned",
    "score": "reviewer assigned",
    "auto assign": "programme staff",
    "decide": "programme staff",
    "unlock": "programme staff",
    "export": "programme staff",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(POSTS))
def test_only_the_expected_role_changes_anything(client, world, role, action):
    person = world.people[role]
    if person is not None:
        client.force_login(person)
    url, data = POSTS[action](world)
    response = client.post(url, data)
    if POST_ALLOWED[action] == role:
        assert response.status_code in (200, 302), (action, role, response.status_code)
    else:
        assert response.status_code in (302, 403, 404), (action, role, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(("/admin/", "/en/account/login/"))
        world.application.refresh_from_db()
        assert world.application.status == Application.Status.SUBMITTED


def test_csrf_protects_the_score_form(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.people["reviewer assigned"])
    url = reverse("grants_review:assignment", args=[world.assignment.pk])
    assert client.post(url, {"action": "save"}).status_code == 403


# --- The reviewer's journey --------------------------------------------------------------------


def test_before_declaring_a_reviewer_sees_only_the_title(client, world):
    reviewer = world.people["reviewer not assigned"]
    assignment = ReviewAssignment.objects.create(application=world.application, reviewer=reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("grants_review:assignment", args=[assignment.pk])).content.decode()
    assert world.application.title in page
    assert world.application.summary not in page
    assert "conflict of interest" in page
    response = client.post(
        reverse("grants_review:declare", args=[assignment.pk]), {"conflict": "yes", "reason": ""}
    )
    assert response.status_code == 400
    assert "Say briefly what the conflict is" in response.content.decode()
    client.post(reverse("grants_review:declare", args=[assignment.pk]), {"conflict": "no"})
    page = client.get(reverse("grants_review:assignment", args=[assignment.pk])).content.decode()
    assert world.application.summary in page


def test_a_blind_call_never_shows_who_applied(client, world):
    world.application.co_applicants.create(email="friend@example.org")
    client.force_login(world.people["reviewer assigned"])
    page = client.get(reverse("grants_review:assignment", args=[world.assignment.pk]))
    text = page.content.decode()
    applicant = world.application.applicant
    for secret in [
        applicant.display_name,
        applicant.legal_name,
        applicant.email,
        world.application.group_name,
        world.application.organisation_name,
        "friend@example.org",
    ]:
        assert secret not in text
    assert "reviewed blind" in text


def test_an_open_call_shows_the_applicant_to_reviewers(client, world):
    world.call.blind_review = False
    world.call.save()
    client.force_login(world.people["reviewer assigned"])
    text = client.get(reverse("grants_review:assignment", args=[world.assignment.pk])).content
    assert world.application.organisation_name in text.decode()
    assert world.application.applicant.legal_name not in text.decode()


def _score_data(call, values, action="submit", recommendation="fund"):
    data = {"action": action, "recommendation": recommendation, "comment": "Clear plan"}
    for criterion, value in zip(call.criteria.all(), values, strict=True):
        data[f"score_{criterion.pk}"] = value
        data[f"comment_{criterion.pk}"] = "ok"
    return data


def test_scoring_saves_a_draft_then_submits(client, world):
    client.force_login(world.people["reviewer assigned"])
    url = reverse("grants_review:assignment", args=[world.assignment.pk])
    response = client.post(url, _score_data(world.call, ["4", ""], action="save"))
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.status == Review.Status.DRAFT
    page = client.get(url).content.decode()
    assert 'value="4" class="scale" id="id_score_' in page and "checked" in page
    response = client.post(url, _score_data(world.call, ["4", "5"]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == Review.Status.SUBMITTED
    assert review.weighted_score == Decimal("4.5")


def test_a_score_outside_the_scale_is_refused_with_the_answers_kept(client, world):
    client.force_login(world.people["reviewer assigned"])
    url = reverse("grants_review:assignment", args=[world.assignment.pk])
    response = client.post(url, _score_data(world.call, ["4", "9"]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Please correct the following" in text
    assert "Clear plan" in text  # the comment typed is still there
    assert not Review.objects.filter(status=Review.Status.SUBMITTED).exists()


def test_the_dashboard_shows_progress_and_due_dates(client, world):
    client.force_login(world.people["reviewer assigned"])
    score(world.application, world.people["reviewer assigned"], [3, 3])
    text = client.get(reverse("grants_review:dashboard")).content.decode()
    assert "1 of 1 reviews submitted" in text
    assert world.application.reference in text


def test_an_empty_dashboard_says_what_happens_next(client, world):
    client.force_login(world.people["reviewer not assigned"])
    text = client.get(reverse("grants_review:dashboard")).content.decode()
    assert "No applications are assigned to you yet" in text


# --- Staff -------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [5, 40])
def test_the_ranking_page_costs_the_same_queries_at_any_size(
    client, django_assert_max_num_queries, size
):
    call = make_call(criteria=2)
    reviewers = [UserFactory(roles=[REVIEWER]) for _ in range(3)]
    for number, application in enumerate(make_applications(call, size)):
        for reviewer in reviewers:
            score(application, reviewer, [1 + number % 5, 1 + (number + 2) % 5])
    staff = make_staff()
    client.force_login(staff)
    url = reverse("grants_review_admin:ranking", args=[call.pk])
    client.get(url)  # warm the per-process caches (site, settings)
    with django_assert_max_num_queries(11):
        response = client.get(url + "?order=spread&theme=inclusion")
    assert response.status_code == 200
    assert response.content.decode().count('class="score-strip"') == min(size, 50)


def test_the_decision_form_approves_with_an_amount(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.people["programme staff"])
    url = reverse("grants_review_admin:decide", args=[world.application.pk])
    response = client.post(url, {"outcome": "approved", "amount": "1,500.555"})
    assert response.status_code == 400
    assert "at most 2 decimals" in response.content.decode()
    response = client.post(url, {"outcome": "approved", "amount": "9000"})
    assert response.status_code == 400
    response = client.post(url, {"outcome": "approved", "amount": "1,500"})
    assert response.status_code == 200  # the confirmation step
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"outcome": "approved", "amount": "1,500", "confirmed": "1"})
    assert response.status_code == 302
    world.application.refresh_from_db()
    assert world.application.awarded_amount == Decimal("1500")
    response = client.get(url)
    assert "final decision" in response.content.decode()


def test_asking_for_more_information_needs_a_message(client, world):
    client.force_login(world.people["programme staff"])
    url = reverse("grants_review_admin:decide", args=[world.application.pk])
    response = client.post(url, {"outcome": "more_info", "message": ""})
    assert response.status_code == 400
    world.application.refresh_from_db()
    assert world.application.status == Application.Status.SUBMITTED


@pytest.mark.parametrize("blind", [True, False])
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exports_run_in_the_background_and_blind_calls_hold_no_identity(
    client, world, blind, export_format
):
    world.call.blind_review = blind
    world.call.save()
    score(world.application, world.people["reviewer assigned"], [4, 2])
    client.force_login(world.people["programme staff"])
    response = client.post(
        reverse("grants_review_admin:export_start", args=[world.call.pk]),
        {"format": export_format},
    )
    job = ExportJob.objects.latest("pk")
    assert response["Location"] == reverse("grants_review_admin:export", args=[job.pk])
    assert job.status == ExportJob.Status.DONE  # tasks run at once in tests
    assert job.rows_done == job.rows_total == 1
    status = client.get(response["Location"]).content.decode()
    assert "Download the" in status
    download = client.get(reverse("grants_review_admin:export_download", args=[job.pk]))
    content = b"".join(download.streaming_content)
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [
            [str(c) if c is not None else "" for c in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    assert rows[1][1] == world.application.reference
    assert rows[1][7] == "3.000" or rows[1][7] == "3"
    flat = " ".join(" ".join(row) for row in rows)
    identity = [world.application.applicant.display_name, world.application.group_name]
    if blind:
        assert not any(value in flat for value in identity)
    else:
        assert all(value in flat for value in identity)
    assert world.application.applicant.email not in flat


# --- Blind calls and declared conflicts: nothing identifying reaches the reviewer -----------------


def _letter(world, name="Letter_for_Mombasa_Youth_5.pdf"):
    letter = Attachment(
        application=world.application,
        uploaded_by=world.application.applicant,
        kind="support_letter",
        original_name=name,
        content_type="application/pdf",
        size=8,
    )
    letter.file.save("x.pdf", ContentFile(b"%PDF-1.4"), save=False)
    letter.save()
    return letter


def test_on_a_blind_call_reviewers_get_documents_under_neutral_names(client, world):
    letter = _letter(world)
    client.force_login(world.people["reviewer assigned"])
    page = client.get(reverse("grants_review:assignment", args=[world.assignment.pk]))
    text = page.content.decode()
    assert "Mombasa" not in text
    assert "budget.pdf" not in text
    assert reverse("grants:document", args=[letter.token]) in text
    download = client.get(reverse("grants:document", args=[letter.token]))
    assert download.status_code == 200
    disposition = download["Content-Disposition"]
    assert "Mombasa" not in disposition
    assert re.search(r'filename="Letter of support \d\.pdf"', disposition), disposition


def test_on_an_open_call_reviewers_and_the_applicant_see_the_real_names(client, world):
    world.call.blind_review = False
    world.call.save()
    letter = _letter(world)
    client.force_login(world.people["reviewer assigned"])
    text = client.get(reverse("grants_review:assignment", args=[world.assignment.pk])).content
    assert b"Letter_for_Mombasa_Youth_5.pdf" in text
    client.force_login(world.application.applicant)
    download = client.get(reverse("grants:document", args=[letter.token]))
    assert "Letter_for_Mombasa_Youth_5.pdf" in download["Content-Disposition"]


def test_the_applicant_keeps_their_own_names_on_a_blind_call(client, world):
    letter = _letter(world)
    client.force_login(world.application.applicant)
    download = client.get(reverse("grants:document", args=[letter.token]))
    assert "Letter_for_Mombasa_Youth_5.pdf" in download["Content-Disposition"]


def test_a_blind_calls_ranking_export_holds_no_group_or_document_name(client, world):
    _letter(world)
    score(world.application, world.people["reviewer assigned"], [4, 2])
    client.force_login(world.people["programme staff"])
    client.post(
        reverse("grants_review_admin:export_start", args=[world.call.pk]), {"format": "csv"}
    )
    job = ExportJob.objects.latest("pk")
    content = b"".join(
        client.get(reverse("grants_review_admin:export_download", args=[job.pk])).streaming_content
    ).decode("utf-8-sig")
    flat = " ".join(" ".join(row) for row in csv.reader(io.StringIO(content)))
    for secret in [
        world.application.group_name,
        world.application.organisation_name,
        world.application.applicant.display_name,
        "Mombasa",
    ]:
        assert secret not in flat


def test_after_declaring_a_conflict_the_dashboard_shows_nothing_identifying(client, world):
    reviewer = world.people["reviewer not assigned"]
    assignment = ReviewAssignment.objects.create(application=world.application, reviewer=reviewer)
    client.force_login(reviewer)
    dashboard = client.get(reverse("grants_review:dashboard")).content.decode()
    assert world.application.title in dashboard  # before: the title, to recognise a conflict
    client.post(
        reverse("grants_review:declare", args=[assignment.pk]),
        {"conflict": "yes", "reason": "My cousin leads the group"},
    )
    dashboard = client.get(reverse("grants_review:dashboard")).content.decode()
    assert world.application.title not in dashboard
    assert world.application.reference in dashboard
    assert "withdrawn from you: conflict declared" in dashboard
    page = client.get(reverse("grants_review:assignment", args=[assignment.pk])).content.decode()
    assert world.application.title not in page
    assert world.application.summary not in page


def _ids(page: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page))


def test_a_refused_score_is_tied_to_its_radio_group(client, world):
    """#14 item 7: a screen reader on a radio group hears its error (the fieldset is described
    by it) and the error summary's link lands on the group's first radio, an element that
    exists."""
    client.force_login(world.people["reviewer assigned"])
    url = reverse("grants_review:assignment", args=[world.assignment.pk])
    page = client.post(url, _score_data(world.call, ["4", "9"])).content.decode()
    fieldsets = re.findall(
        r'<fieldset class="criterion field--error" aria-describedby="([^"]+)"', page
    )
    assert len(fieldsets) == 1
    described_by = fieldsets[0]
    error = re.search(rf'<ul class="errorlist" id="{described_by}">(.*?)</ul>', page, re.S)
    assert error and "valid choice" in error.group(1)
    links = re.findall(r'<div class="error-summary".*?</div>', page, re.S)[0]
    targets = re.findall(r'href="#([^"]+)"', links)
    assert targets and set(targets) <= _ids(page)
    assert all(re.search(rf'<input type="radio"[^>]*id="{t}"', page) for t in targets)
