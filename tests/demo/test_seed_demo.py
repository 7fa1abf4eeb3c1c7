from django.apps import apps
from django.core.management import call_command

from demo import content
from youthcities.accounts.models import User
from youthcities.accounts.selectors import can_participate

SEEDED_MODELS = [
    "accounts.User",
    "accounts.GuardianConsent",
    "account.EmailAddress",
    "network.City",
    "network.Organisation",
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "cms.NavigationLink",
    "cms.FooterLink",
    "auth.Group",
    "audit.AuditEntry",
    "campaigns.CampaignPage",
    "campaigns.Support",
    "campaigns.AbuseReport",
    "wagtailimages.Image",
    "wagtailcore.WorkflowState",
    "hub.MembershipApplication",
    "hub.MemberDocument",
]


def counts():
    return {label: apps.get_model(label).objects.count() for label in SEEDED_MODELS}


# `demo` is seed_demo's work on a freshly migrated database (seeded once per test process, see
# tests.support.demo); these tests read it, and the first seeds once more on top.


def test_seed_demo_twice_changes_nothing(demo):
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first
    assert first["network.City"] >= 11


def test_seed_demo_makes_one_user_per_role_with_the_demo_password(settings, demo):
    for email, _display, _legal, _age, _country, _city, _language, roles in content.USERS:
        user = User.objects.get(email=email)
        assert user.check_password(settings.DEMO_PASSWORD)
        assert set(user.groups.values_list("name", flat=True)) >= set(roles)
    minor = User.objects.get(email="minor@example.org")
    assert minor.age == 14
    assert can_participate(minor).code == "guardian_consent_pending"
    assert can_participate(User.objects.get(email="applicant@example.org"))


def test_seeded_home_page_exists_in_three_languages(client, demo):
    for code, text in [
        ("en", "together against hate"),
        ("fr", "contre la haine"),
        ("ar", "ضد الكراهية"),
    ]:
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert text in response.content.decode()


def test_seeded_campaigns_span_cities_and_languages_with_one_waiting_for_review(client, demo):
    from wagtail.models import WorkflowState

    from campaigns.models import CampaignPage, ReachFigure

    live = CampaignPage.objects.live()
    assert live.count() == 25
    assert set(live.values_list("locale__language_code", flat=True)) == {"en", "fr", "ar"}
    assert live.values("city").distinct().count() >= 10
    assert ReachFigure.objects.filter(page__in=live).count() >= 25
    waiting = CampaignPage.objects.get(live=False)
    state = WorkflowState.objects.get(object_id=str(waiting.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    listing = client.get("/en/campaigns/").content.decode()
    assert "25 campaigns" in listing
