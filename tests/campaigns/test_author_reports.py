"""Reports about the person who wrote a campaign (harassed, threatened, exposed): a visitor
chooses it on the report form, the moderators are emailed at once in their language, the report
comes first in the safeguarding queue, marked, with the one action that hides the author's name
on all their campaigns."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from campaigns.models import AbuseReport, CampaignCoAuthor, CampaignPage
from campaigns.safety import author_hide_everywhere
from campaigns.services import NotAllowed
from tests.factories.accounts import UserFactory
from youthcities.accounts.roles import ALL_ROLES, MODERATOR
from youthcities.audit.models import AuditEntry

from .helpers import activist, make_campaign, moderator
from .test_public import human_form

pytestmark = pytest.mark.django_db
QUEUE = "/admin/campaigns/reports/"


def report(page, *, about=AbuseReport.About.CAMPAIGN, minutes_ago=0, **fields):
    made = AbuseReport.objects.create(
        page=page, about=about, reason=fields.pop("reason", "other"), **fields
    )
    AbuseReport.objects.filter(pk=made.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )
    return made


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_visitor_reports_the_author_and_learns_nothing_about_them(
    client, index, django_capture_on_commit_callbacks
):
    owner = activist(display_name="Lina", legal_name="Lina Haddad", email="lina@example.org")
    page = make_campaign(index, owner)
    form = client.get(f"/en/campaigns/{page.pk}/report/").content.decode()
    assert "The person who wrote it" in form
    assert "Lina Haddad" not in form and "lina@example.org" not in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/campaigns/{page.pk}/report/",
            human_form(about="author", reason="harassment", details="Threats in the comments."),
        )
    assert response.status_code == 200
    assert "Lina Haddad" not in response.content.decode()
    stored = AbuseReport.objects.get()
    assert (stored.about, stored.reason) == ("author", "harassment")
    entry = AuditEntry.objects.get(action="campaign.reported")
    assert entry.data["about"] == "author"


def test_the_report_form_refuses_an_unknown_subject(client, index):
    page = make_campaign(index, activist())
    response = client.post(
        f"/en/campaigns/{page.pk}/report/", human_form(about="the-city", reason="other")
    )
    assert response.status_code == 400
    assert not AbuseReport.objects.exists()


def test_moderators_are_emailed_at_once_each_in_their_language(
    client, index, django_capture_on_commit_callbacks
):
    owner = activist(display_name="Lina", legal_name="Lina Haddad", email="lina@example.org")
    french = moderator(display_name="Camille", email="camille@example.org", preferred_language="fr")
    arabic = moderator(display_name="Huda", email="huda@example.org", preferred_language="ar")
    page = make_campaign(index, owner, title="Voices of Saida")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/campaigns/{page.pk}/report/",
            human_form(about="author", reason="harassment", details="They know her school."),
        )
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {french.email, arabic.email}
    for message, greeting in (
        (by_address[french.email], "Bonjour Camille,"),
        (by_address[arabic.email], "مرحبًا Huda،"),
    ):
        assert greeting in message.body
        assert "Voices of Saida" in message.subject and "Voices of Saida" in message.body
        assert "They know her school." in message.body
        assert "http://" in message.body and QUEUE in message.body
        # An inbox is less safe than the admin: the email names the campaign, not its author.
        for private in ("Lina", "lina@example.org"):
            assert private not in message.body


def test_a_report_about_the_campaign_keeps_the_usual_email(
    client, index, django_capture_on_commit_callbacks
):
    moderator(email="watcher@example.org")
    page = make_campaign(index, activist(), title="Voices of Saida")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/campaigns/{page.pk}/report/", human_form(about="campaign", reason="misleading")
        )
    (message,) = mail.outbox
    assert "A campaign was reported" in message.subject and "Urgent" not in message.subject


def test_author_reports_come_first_in_the_queue_and_are_marked(index):
    most_reported = make_campaign(index, activist(), title="Most reported")
    for minutes in (30, 20, 10):
        report(most_reported, minutes_ago=minutes)
    author_later = make_campaign(index, activist(), title="Author reported later")
    report(author_later, about="author", minutes_ago=1)
    author_earlier = make_campaign(index, activist(), title="Author reported earlier")
    report(author_earlier, about="author", minutes_ago=5)
    report(author_earlier, minutes_ago=4)
    handled = make_campaign(index, activist(), title="Handled long ago")
    report(handled, about="author", status=AbuseReport.Status.DISMISSED)
    report(handled)

    queue = logged_in(moderator()).get(QUEUE).content.decode()
    titles = ["Author reported earlier", "Author reported later", "Most reported", "Handled long"]
    positions = [queue.index(title) for title in titles]
    assert positions == sorted(positions)
    assert queue.count("Priority: 1 report about the author") == 2


def test_the_queue_reads_its_campaigns_in_a_few_queries(index, django_assert_max_num_queries):
    for number in range(4):
        writer = activist()
        page = make_campaign(index, writer, title=f"Campaign {number}", slug=f"c-{number}")
        CampaignCoAuthor.objects.create(page=page, email=activist().email)
        report(page, about="author")
        report(page)
    client = logged_in(moderator())
    client.get(QUEUE)  # the admin's own first-visit reads
    with django_assert_max_num_queries(25):
        response = client.get(QUEUE)
    assert response.status_code == 200


def test_the_queue_offers_to_hide_each_author_of_an_author_report_only(index):
    owner = activist(display_name="Lina")
    co_author = activist(display_name="Omar")
    page = make_campaign(index, owner, title="Ours")
    CampaignCoAuthor.objects.create(page=page, email=co_author.email, user=co_author)
    report(page, about="author")
    quiet = make_campaign(index, activist(display_name="Nadia"), title="Quiet")
    report(quiet)
    queue = logged_in(moderator()).get(QUEUE).content.decode()
    assert "Hide <bdi>Lina</bdi>’s name on all their campaigns" in queue
    assert "Hide <bdi>Omar</bdi>’s name on all their campaigns" in queue
    assert "Nadia" not in queue


def test_one_action_hides_the_author_on_all_their_campaigns_and_answers_the_reports(
    index, django_capture_on_commit_callbacks
):
    author = activist(display_name="Samira Speaks")
    reported = make_campaign(index, author, title="Reported")
    other = make_campaign(index, author, title="Another of hers", slug="another")
    someone_else = make_campaign(index, activist(display_name="Karim"), title="Karim's")
    author_report = report(reported, about="author")
    campaign_report = report(reported)
    safeguard = moderator()
    client = logged_in(safeguard)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(QUEUE, {"page": reported.pk, "author": author.pk})
    assert response.status_code == 302 and response["Location"] == QUEUE
    bylines = dict(CampaignPage.objects.values_list("pk", "byline"))
    assert bylines[reported.pk] == bylines[other.pk] == CampaignPage.Byline.TEAM
    assert bylines[someone_else.pk] == CampaignPage.Byline.NAMES
    author_report.refresh_from_db()
    campaign_report.refresh_from_db()
    assert author_report.status == AbuseReport.Status.AUTHOR_HIDDEN
    assert author_report.handled_by == safeguard
    assert campaign_report.status == AbuseReport.Status.OPEN  # about the campaign: still to read
    entry = AuditEntry.objects.get(action="campaign.author_hidden_everywhere")
    assert entry.data == {"campaigns": 2}
    for page in (reported, other):
        text = Client().get(CampaignPage.objects.get(pk=page.pk).url).content.decode()
        assert "Samira Speaks" not in text
    # Answered: the campaign stays in the queue for its other report, no longer first.
    queue = client.get(QUEUE).content.decode()
    assert "report about the author" not in queue


def test_the_action_is_only_for_an_author_of_a_campaign_reported_about_its_author(index):
    author = activist(display_name="Samira Speaks")
    stranger = activist(display_name="Stranger")
    reported = make_campaign(index, author, title="Reported")
    not_about_author = make_campaign(index, author, title="Only the campaign", slug="only")
    report(reported, about="author")
    report(not_about_author)
    client = logged_in(moderator())
    assert client.post(QUEUE, {"page": reported.pk, "author": stranger.pk}).status_code == 400
    assert client.post(QUEUE, {"page": not_about_author.pk, "author": author.pk}).status_code == (
        400
    )
    assert client.post(QUEUE, {"page": "x", "author": author.pk}).status_code == 400
    assert set(CampaignPage.objects.values_list("byline", flat=True)) == {"names"}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_moderators_take_the_action(index, role):
    author = activist(display_name="Samira Speaks")
    page = make_campaign(index, author)
    report(page, about="author")
    client = logged_in(UserFactory(roles=[role], is_staff=True))
    status = client.post(QUEUE, {"page": page.pk, "author": author.pk}).status_code
    page.refresh_from_db()
    if role == MODERATOR:
        assert status == 302 and page.byline == CampaignPage.Byline.TEAM
    else:
        assert status in (302, 403) and page.byline == CampaignPage.Byline.NAMES


def test_the_author_and_the_anonymous_cannot_take_the_action(index):
    author = activist(display_name="Samira Speaks")
    page = make_campaign(index, author)
    report(page, about="author")
    own = logged_in(author).post(QUEUE, {"page": page.pk, "author": author.pk})
    assert own.status_code in (302, 403) and own.get("Location", "") != QUEUE
    anonymous = Client().post(QUEUE, {"page": page.pk, "author": author.pk})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    with pytest.raises(NotAllowed):
        author_hide_everywhere(author=author, actor=author)
    page.refresh_from_db()
    assert page.byline == CampaignPage.Byline.NAMES
    assert AbuseReport.objects.get().status == AbuseReport.Status.OPEN


def test_the_detail_page_marks_a_report_about_the_author(index):
    page = make_campaign(index, activist())
    report(page, about="author", details="They doxxed her.")
    detail = logged_in(moderator()).get(f"{QUEUE}{page.pk}/").content.decode()
    assert "The person who wrote it" in detail and "They doxxed her." in detail


def test_the_service_refuses_an_unknown_subject(index):
    from campaigns.services import CampaignError, campaign_report_abuse

    page = make_campaign(index, activist())
    with pytest.raises(CampaignError):
        campaign_report_abuse(page=page, about="city", reason="other", details="", client="k")
    assert not AbuseReport.objects.exists()
