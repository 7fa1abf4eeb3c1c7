"""My data: the page lists what we hold, by kind, in the person's language; "Download my data"
builds a ZIP in the background and emails a link that works for its owner for 24 hours."""

import datetime
import io
import json
import re
import zipfile

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.factories.accounts import UserFactory
from youthcities.privacy.models import DataExport
from youthcities.privacy.services import (
    ExportAlreadyPending,
    NotAllowed,
    data_export_request,
)

from .helpers import BIRTH_DATE, EMAIL, LEGAL_NAME

pytestmark = pytest.mark.django_db

# The export's shape: every file and, per kind, the keys every row has and their types.
STR, NUM, BOOL, LIST, DICT, NONE = str, (int, float), bool, list, dict, type(None)
SCHEMA = {
    "profile": {
        "email": STR,
        "display_name": STR,
        "legal_name": STR,
        "date_of_birth": (STR, NONE),
        "country": STR,
        "city": STR,
        "preferred_language": STR,
        "roles": LIST,
        "email_addresses": LIST,
        "second_factors": LIST,
    },
    "guardian_consent": {"guardian_email": STR, "confirmed": (STR, NONE)},
    "applications": {
        "reference": (STR, NONE),
        "call": STR,
        "your_part": STR,
        "status": STR,
        "title": STR,
        "budget": LIST,
        "documents": LIST,
        "co_applicants": LIST,
        "decisions": LIST,
    },
    "reviews": {},
    "awards": {"amount": STR, "currency": STR, "state": STR, "tranches": LIST, "reports": LIST},
    "workshop_registrations": {"workshop": STR, "status": STR, "days_attended": LIST},
    "recommendations": {},
    "follows": {"follows": LIST, "digest": (STR, NONE), "notifications": LIST},
    "campaigns": {"title": STR, "your_part": STR, "published": BOOL},
    "supports": {"campaign": STR, "email": STR},
    "audit_entries": {"when": STR, "action": STR, "by_you": BOOL, "details": DICT},
}


def check_against_schema(archive: zipfile.ZipFile) -> dict:
    names = set(archive.namelist())
    assert {f"{kind}.json" for kind in SCHEMA} | {"README.txt"} <= names
    data = {}
    for kind, fields in SCHEMA.items():
        rows = json.loads(archive.read(f"{kind}.json"))
        assert isinstance(rows, list), kind
        for row in rows:
            assert isinstance(row, dict), kind
            for key, kinds in fields.items():
                assert key in row, f"{kind}.{key}"
                assert isinstance(row[key], kinds), f"{kind}.{key}: {row[key]!r}"
        data[kind] = rows
    return data


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def open_zip(client, export) -> zipfile.ZipFile:
    response = client.get(f"/en/account/data/download/{export.token}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_my_data_page_lists_every_kind_in_the_readers_language(
    person, django_assert_max_num_queries
):
    client = login(person.user)
    with django_assert_max_num_queries(25):
        page = client.get("/en/account/data/")
    text = page.content.decode()
    for kind in ("profile", "guardian_consent", "applications", "campaigns", "supports"):
        assert f'data-kind="{kind}"' in text
    assert "Grant applications and documents" in text
    arabic = client.get("/ar/account/data/").content.decode()
    assert 'lang="ar"' in arabic and 'dir="rtl"' in arabic


def test_download_builds_a_zip_emails_the_link_and_matches_the_schema(
    person, django_capture_on_commit_callbacks
):
    client = login(person.user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/account/data/download/")
    assert response.status_code == 302
    export = DataExport.objects.get(user=person.user)
    assert export.status == DataExport.Status.READY  # the immediate backend ran the task
    assert export.expires_at - export.finished_at == datetime.timedelta(hours=24)
    (email,) = [m for m in mail.outbox if m.to == [EMAIL]]
    link = re.search(r"https?://\S+/download/\S+/", email.body).group(0)
    assert str(export.token) in link

    archive = open_zip(client, export)
    data = check_against_schema(archive)
    profile = data["profile"][0]
    assert (profile["email"], profile["legal_name"]) == (EMAIL, LEGAL_NAME)
    assert profile["date_of_birth"] == BIRTH_DATE.isoformat()
    parts = {row["title"]: row["your_part"] for row in data["applications"]}
    assert parts["Youth radio in Saida"] == "applicant"
    assert parts["Someone else's project"] == "co-applicant"
    assert {row["title"] for row in data["campaigns"]} == {
        "Stories against hate",
        "Football for all",
    }
    assert data["supports"][0]["email"] == EMAIL
    assert (
        archive.read(
            f"files/applications/{person.submitted.reference}/"
            f"{person.submitted_document.pk}-budget.pdf"
        )
        == b"%PDF budget"
    )
    assert "JSON" in archive.read("README.txt").decode()
    # The page says it is ready, with the link.
    assert "Download the ZIP file" in client.get("/en/account/data/").content.decode()


def test_an_applicants_export_never_names_their_reviewers_or_staff(
    person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export_request(user=person.user, actor=person.user)
    export.refresh_from_db()
    archive = open_zip(login(person.user), export)
    everything = " ".join(
        archive.read(name).decode()
        for name in archive.namelist()
        if name.endswith((".json", ".txt"))
    )
    assert "Reviewer Rania" not in everything
    assert person.reviewer.email not in everything
    assert "Staff Samir" not in everything
    assert "Strong local roots." not in everything  # the review's comment is the reviewer's
    assert "Tell us more about the venue." in everything  # the decision's message is theirs


def test_the_readme_is_in_the_persons_language(person, django_capture_on_commit_callbacks):
    person.user.preferred_language = "fr"
    person.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export_request(user=person.user, actor=person.user)
    export.refresh_from_db()
    readme = open_zip(login(person.user), export).read("README.txt").decode()
    assert "Young Cities" in readme
    with zipfile.ZipFile(export.file.open("rb")) as archive:
        assert archive.read("README.txt").decode() == readme


def test_another_person_cannot_use_the_link(person):
    export = data_export_request(user=person.user, actor=person.user)
    stranger = login(UserFactory())
    assert stranger.get(f"/en/account/data/download/{export.token}/").status_code == 404
    anonymous = Client().get(f"/en/account/data/download/{export.token}/")
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_an_expired_link_is_refused(person):
    export = data_export_request(user=person.user, actor=person.user)
    DataExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = login(person.user).get(f"/en/account/data/download/{export.token}/")
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_a_second_request_while_one_is_being_prepared_is_refused(person):
    DataExport.objects.create(user=person.user, requested_by=person.user)
    with pytest.raises(ExportAlreadyPending):
        data_export_request(user=person.user, actor=person.user)
    page = login(person.user).get("/en/account/data/").content.decode()
    assert "Your data is being prepared" in page
    assert "Reload this page" in page  # progress without JavaScript


def test_nobody_else_may_ask_for_someones_data(person):
    with pytest.raises(NotAllowed):
        data_export_request(user=person.user, actor=UserFactory())


def test_asking_needs_a_post(person):
    assert login(person.user).get("/en/account/data/download/").status_code == 405
