"""The campaign editor as moderators and activists meet it: Approve and Request changes first
for a moderator, a message that says changes were requested, the moderator's comment above the
editor, text fields laid out by their own direction, a new campaign that starts from the
safeguarding do's and don'ts, lab and commitment choices that name their city and date."""

import datetime
import json
import re

import pytest
from wagtail.models import WorkflowState

from campaigns.models import CampaignPage
from tests.factories.accounts import UserFactory
from youthcities.network.cities.models import City
from youthcities.network.workshops.models import Commitment, Recommendation, Workshop

from .helpers import activist, make_campaign, moderator
from .test_admin import edit_form

pytestmark = pytest.mark.django_db


def _in_review(client, index, writer):
    page = make_campaign(index, writer, title="Our street", live=False)
    client.force_login(writer)
    data = edit_form(client, page)
    data["action-submit"] = "action-submit"
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    return page, state


def test_approve_is_the_moderators_main_button_and_request_changes_comes_next(client, index):
    page, _state = _in_review(client, index, activist(display_name="Lina"))
    client.force_login(moderator())
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    footer = html[
        html.index('class="w-dropdown-button') if 'class="w-dropdown-button' in html else 0 :
    ]
    actions = re.findall(r'data-workflow-action-name="(\w+)"', html)
    assert actions[:2] == ["approve", "reject"], actions
    # The main (default) button comes before "Save draft" in the footer.
    assert footer.index("Approve") < footer.index("Save draft")


def test_requesting_changes_from_the_editor_says_so(client, index):
    page, state = _in_review(client, index, activist(display_name="Lina"))
    client.force_login(moderator())
    data = edit_form(client, page)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "reject"
    data["workflow-action-extra-data"] = json.dumps({"comment": "Please remove the street name."})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    html = response.content.decode()  # the page the moderator lands on, with its messages
    assert "Changes requested for “Our street”" in html
    assert "has been updated" not in html


def test_the_author_reads_the_moderators_comment_above_the_editor(client, index):
    writer = activist(display_name="Lina")
    page, state = _in_review(client, index, writer)
    client.force_login(moderator(display_name="Safa M."))
    client.post(
        f"/admin/pages/workflow/action/{page.pk}/reject/{state.current_task_state.pk}/",
        {"comment": "Please remove the street name."},
    )
    client.force_login(writer)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Safa M. asked for changes: “Please remove the street name.”" in html


def test_the_moderator_sees_the_submitter_by_display_name_not_email(client, index):
    writer = activist(display_name="Lina", email="lina.private@example.org")
    _in_review(client, index, writer)
    client.force_login(moderator())
    html = client.get("/admin/").content.decode()
    assert "Our street" in html and "Lina" in html
    assert "lina.private@example.org" not in html


def test_text_fields_are_laid_out_by_their_own_direction(client, index):
    writer = activist()
    page = make_campaign(index, writer, title="صوتنا", live=False)
    client.force_login(writer)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for name in ("title", "summary", "hero_alt_text"):
        tag = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'dir="auto"' in tag, tag
    assert "campaigns/editor.js" in html  # and the fields of blocks added in the browser


def test_a_new_campaign_starts_from_the_safeguarding_dos_and_donts(client, index):
    client.force_login(activist(preferred_language="en"))
    html = client.get(f"/admin/pages/add/campaigns/campaignpage/{index.pk}/").content.decode()
    assert "Before you write: keeping safe" in html
    assert "never give your full name" in html
    # An existing campaign keeps its own body.
    page = make_campaign(index, UserFactory(), live=False)
    assert "keeping safe" not in str(CampaignPage.objects.get(pk=page.pk).body)


def test_lab_and_commitment_choices_name_their_city_and_date(client, index):
    zarqa = City.objects.create(name="Zarqa", slug="zarqa", country="JO", region="middle_east")
    irbid = City.objects.create(name="Irbid", slug="irbid", country="JO", region="middle_east")
    for city, day in ((zarqa, datetime.date(2026, 3, 12)), (irbid, datetime.date(2026, 5, 4))):
        Workshop.objects.create(
            title_en="Youth Policy Workshop", kind="policy_workshop", city=city,
            starts_on=day, ends_on=day, slug=f"policy-{city.slug}", capacity=12,
        )  # fmt: skip
    workshop = Workshop.objects.get(city=zarqa)
    recommendation = Recommendation.objects.create(
        workshop=workshop, city=zarqa, author=UserFactory(), title="Safe parks", text="Lights.",
        theme="inclusion", department="Parks",
    )  # fmt: skip
    Commitment.objects.create(
        recommendation=recommendation, city=zarqa, owner="Parks", due_on=datetime.date(2026, 9, 1)
    )
    client.force_login(activist())
    html = client.get(f"/admin/pages/add/campaigns/campaignpage/{index.pk}/").content.decode()
    assert "Zarqa: Youth Policy Workshop · March 12, 2026" in html
    assert "Irbid: Youth Policy Workshop · May 4, 2026" in html
    assert "Zarqa: Safe parks · due September 1, 2026" in html


def test_new_campaign_is_a_clear_button_on_the_activists_dashboard(client, index):
    client.force_login(activist())
    html = client.get("/admin/").content.decode()
    add = f"/admin/pages/add/campaigns/campaignpage/{index.pk}/"
    assert re.search(rf'<a class="button button-primary" href="{add}">New campaign', html)
    client.force_login(moderator())
    assert "New campaign" not in client.get("/admin/").content.decode()
