"""Writing and moderating campaigns in the Wagtail admin: who may do what, the safeguarding review,
photos without EXIF, the reports queue and the supporters export."""

import io
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import WorkflowState
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.blocks import CampaignStreamBlock
from campaigns.models import AbuseReport, CampaignCoAuthor, Support
from campaigns.services import campaign_unpublish
from campaigns.setup import campaign_images_collection
from tests.factories.accounts import GuardianConsentFactory, UserFactory, born_years_ago
from youthcities.accounts.roles import ALL_ROLES, MODERATOR
from youthcities.audit.models import AuditEntry

from .helpers import activist, jpeg_with_gps, make_campaign, moderator

pytestmark = pytest.mark.django_db


def edit_form(client, page, **changes) -> dict:
    """The campaign's edit form as the editor sends it, co-authors included."""
    co_authors = [
        {"id": co_author.pk, "email": co_author.email, "ORDER": number}
        for number, co_author in enumerate(CampaignCoAuthor.objects.filter(page=page))
    ]
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "hero_alt_text": page.hero_alt_text,
        "body": streamfield([("paragraph", rich_text("<p>We tell our own stories.</p>"))]),
        "co_authors": inline_formset(co_authors, initial=len(co_authors)),
        "reach": inline_formset([]),
        "comments": inline_formset([]),
        **changes,
    }
    return nested_form_data(data)


# --- Who may write what ------------------------------------------------------------------------


def test_an_activist_creates_campaigns_under_the_index_only(client, index):
    writer = activist()
    client.force_login(writer)
    assert client.get(f"/admin/pages/add/campaigns/campaignpage/{index.pk}/").status_code == 200
    home = index.get_parent()
    refused = client.get(f"/admin/pages/add/cms/standardpage/{home.pk}/")
    assert refused.status_code in (302, 403)


def test_an_activist_edits_their_own_and_co_authored_campaigns_not_others(client, index):
    writer, friend, stranger = activist(), activist(), activist()
    mine = make_campaign(index, writer, title="Mine", live=False)
    CampaignCoAuthor.objects.create(page=mine, email=friend.email, user=friend)
    client.force_login(writer)
    assert client.get(f"/admin/pages/{mine.pk}/edit/").status_code == 200
    client.force_login(friend)
    assert client.get(f"/admin/pages/{mine.pk}/edit/").status_code == 200
    client.force_login(stranger)
    response = client.get(f"/admin/pages/{mine.pk}/edit/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert f"/admin/pages/{mine.pk}/edit/" not in response["Location"]


def test_an_activist_cannot_publish(client, index):
    writer = activist()
    page = make_campaign(index, writer, title="Eager", live=False)
    client.force_login(writer)
    data = edit_form(client, page)
    data["action-publish"] = "action-publish"
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    page.refresh_from_db()
    assert not page.live


def test_a_co_author_needs_an_account(client, index):
    writer = activist()
    page = make_campaign(index, writer, live=False)
    co_author = CampaignCoAuthor(page=page, email="nobody@example.org")
    with pytest.raises(Exception, match="Nobody has an account"):
        co_author.clean()
    someone = UserFactory(email="Someone@Example.org")
    co_author = CampaignCoAuthor(page=page, email="someone@example.org")
    co_author.clean()
    assert co_author.user == someone


# --- The safeguarding review -------------------------------------------------------------------


def test_submit_send_back_fix_and_approve(client, index, django_capture_on_commit_callbacks):
    writer = activist(display_name="Lina", preferred_language="ar")
    friend = activist(display_name="Omar", preferred_language="fr")
    safeguard = moderator()
    page = make_campaign(index, writer, title="Our street", live=False)
    CampaignCoAuthor.objects.create(page=page, email=friend.email, user=friend)

    client.force_login(writer)
    data = edit_form(client, page)
    data["action-submit"] = "action-submit"
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Safeguarding review"

    client.force_login(safeguard)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    mail.outbox.clear()  # Wagtail told the moderators a campaign waits for them
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/pages/workflow/action/{page.pk}/reject/{state.current_task_state.pk}/",
            {"comment": "Please remove the street name."},
        )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    sent_back = {m.to[0]: m for m in mail.outbox}
    assert set(sent_back) == {writer.email, friend.email}
    assert "Please remove the street name." in sent_back[writer.email].body
    assert "تعديلات" in sent_back[writer.email].subject  # Arabic for Lina
    assert "doit être modifiée" in sent_back[friend.email].subject  # French for Omar
    page.refresh_from_db()
    assert not page.live

    mail.outbox.clear()
    client.force_login(writer)
    data = edit_form(client, page, title="Our neighbourhood")
    data["action-submit"] = "action-submit"
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    state = WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(safeguard)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/",
            {"comment": ""},
        )
    page.refresh_from_db()
    assert page.live and page.title == "Our neighbourhood"
    assert {m.to[0] for m in mail.outbox} == {writer.email, friend.email}
    assert client.get(page.url).status_code == 200


def test_a_minor_without_guardian_consent_keeps_a_draft_but_cannot_submit(client, index):
    young = activist(date_of_birth=born_years_ago(14), country="LB")
    GuardianConsentFactory(user=young, confirmed_at=None)
    page = make_campaign(index, young, title="My first campaign", live=False)
    client.force_login(young)
    data = edit_form(client, page, summary="What I changed is kept.")
    data["action-submit"] = "action-submit"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)
    assert "cannot go to review yet" in response.content.decode()
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().summary == "What I changed is kept."


def test_the_same_minor_submits_once_the_guardian_confirmed(client, index):
    young = activist(date_of_birth=born_years_ago(14), country="LB")
    GuardianConsentFactory(user=young, confirmed_at=timezone.now())
    page = make_campaign(index, young, title="Allowed now", live=False)
    client.force_login(young)
    data = edit_form(client, page)
    data["action-submit"] = "action-submit"
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_rich_text_keeps_only_the_whitelist():
    """What the editor stores passes Wagtail's rich-text whitelist: no script, style or events."""
    block = CampaignStreamBlock().child_blocks["paragraph"]
    widget = block.field.widget
    dirty = (
        '<p style="color:red" onclick="steal()">Hello <b>world</b></p>'
        "<script>alert(1)</script><style>body{}</style>"
        '<p><a href="javascript:alert(1)">link</a></p>'
    )
    stored = widget.value_from_datadict({"f": widget.format_value(RichText(dirty))}, {}, "f")
    for forbidden in ("<script", "<style", "style=", "onclick", "javascript:"):
        assert forbidden not in stored
    assert "<b>world</b>" in stored


# --- Photos ------------------------------------------------------------------------------------


def test_uploaded_photos_lose_their_exif_in_every_stored_file(client, index, settings):
    writer = activist()
    client.force_login(writer)
    collection = campaign_images_collection()
    upload = SimpleUploadedFile("street.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(
        "/admin/images/add/", {"title": "Our street", "file": upload, "collection": collection.pk}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    image = get_image_model().objects.get(title="Our street")
    image.get_rendition("width-400|format-webp")
    image.get_rendition("fill-100x100")
    stored = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert len(stored) >= 3  # the original and two renditions
    for path in stored:
        with Image.open(path) as picture:
            assert not picture.getexif(), path
            assert "exif" not in picture.info, path
    assert image.file_size == Path(image.file.path).stat().st_size


def test_an_upload_that_is_not_an_image_is_refused(client, index):
    client.force_login(activist())
    upload = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = client.post(
        "/admin/images/add/",
        {"title": "Fake", "file": upload, "collection": campaign_images_collection().pk},
    )
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not get_image_model().objects.filter(title="Fake").exists()


def test_an_image_over_the_size_limit_is_refused(client, index, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10_000
    client.force_login(activist())
    big = io.BytesIO()
    Image.effect_noise((300, 300), 100).convert("RGB").save(big, "PNG")
    upload = SimpleUploadedFile("big.png", big.getvalue(), content_type="image/png")
    response = client.post(
        "/admin/images/add/",
        {"title": "Too big", "file": upload, "collection": campaign_images_collection().pk},
    )
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.filter(title="Too big").exists()


# --- Reports and unpublishing ------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_moderators_open_the_reports_queue(client, index, role):
    client.force_login(UserFactory(roles=[role], is_staff=True))
    status = client.get("/admin/campaigns/reports/").status_code
    if role == MODERATOR:
        assert status == 200
    else:
        assert status in (302, 403)  # 302: roles without the admin are sent to log in


def test_anonymous_visitors_are_sent_to_log_in_for_the_queue(client, index):
    response = client.get("/admin/campaigns/reports/")
    assert response.status_code == 302 and response["Location"].startswith("/en/account/login/")


def test_a_moderator_unpublishes_a_reported_campaign_with_a_reason(
    client, index, django_capture_on_commit_callbacks
):
    writer = activist(preferred_language="en")
    safeguard = moderator()
    page = make_campaign(index, writer, title="Reported one")
    AbuseReport.objects.create(page=page, reason="personal", details="It shows a street sign.")
    client.force_login(safeguard)
    queue = client.get("/admin/campaigns/reports/").content.decode()
    assert "Reported one" in queue
    detail = client.get(f"/admin/campaigns/reports/{page.pk}/").content.decode()
    assert "It shows a street sign." in detail

    missing = client.post(f"/admin/campaigns/reports/{page.pk}/", {"unpublish": "1"})
    assert missing.status_code == 200  # the form again, with its errors
    page.refresh_from_db()
    assert page.live

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/campaigns/reports/{page.pk}/",
            {"unpublish": "1", "reason": "It shows where the authors live.", "confirm": "on"},
        )
    page.refresh_from_db()
    assert not page.live
    report = AbuseReport.objects.get()
    assert report.status == AbuseReport.Status.UNPUBLISHED and report.handled_by == safeguard
    assert AuditEntry.objects.filter(action="campaign.unpublished").exists()
    (message,) = mail.outbox
    assert message.to == [writer.email]
    assert "It shows where the authors live." in message.body
    client.logout()
    assert client.get("/en/campaigns/reported-one/").status_code == 404


def test_a_moderator_dismisses_reports_and_the_campaign_stays(client, index):
    page = make_campaign(index, activist(), title="Fine one")
    AbuseReport.objects.create(page=page, reason="other")
    client.force_login(moderator())
    client.post(f"/admin/campaigns/reports/{page.pk}/", {"dismiss": "1", "note": "Nothing wrong."})
    page.refresh_from_db()
    assert page.live
    assert AbuseReport.objects.get().status == AbuseReport.Status.DISMISSED


def test_only_moderators_may_unpublish_in_the_service(index):
    page = make_campaign(index, activist())
    with pytest.raises(Exception, match="not allowed"):
        campaign_unpublish(page=page, actor=activist(), reason="No")
    page.refresh_from_db()
    assert page.live


# --- Supporters export -------------------------------------------------------------------------


def test_authors_export_only_confirmed_supporters_of_their_campaign(client, index):
    writer, stranger = activist(), activist()
    page = make_campaign(index, writer)
    other = make_campaign(index, stranger, title="Another")
    Support.objects.create(page=page, email="yes@example.org", confirmed_at=timezone.now())
    Support.objects.create(page=page, email="pending@example.org")
    Support.objects.create(page=page, display_name="=cmd()")
    Support.objects.create(page=other, email="theirs@example.org", confirmed_at=timezone.now())
    client.force_login(writer)
    response = client.get(f"/admin/campaigns/{page.pk}/supporters.csv")
    body = response.content.decode()
    assert response.status_code == 200
    assert "yes@example.org" in body
    assert "pending@example.org" not in body and "theirs@example.org" not in body
    refused = client.get(f"/admin/campaigns/{other.pk}/supporters.csv")
    assert refused.status_code in (302, 403)  # Wagtail turns a refusal into a redirect
    assert b"theirs@example.org" not in refused.content


@pytest.mark.parametrize("role", ALL_ROLES)
def test_nobody_but_the_authors_exports_supporters(client, index, role):
    page = make_campaign(index, activist())
    Support.objects.create(page=page, email="yes@example.org", confirmed_at=timezone.now())
    client.force_login(UserFactory(roles=[role], is_staff=True))
    response = client.get(f"/admin/campaigns/{page.pk}/supporters.csv")
    assert response.status_code in (302, 403)
    assert b"yes@example.org" not in response.content
