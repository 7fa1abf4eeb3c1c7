"""The admin dashboard's "Waiting for you" panel: each role sees what waits for it, as a count
with a link, in a number of queries that does not grow with what waits."""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from grants.awards.reports import report_submit
from grants.payments.manual import manual_payment_record
from grants.review.models import ReviewAssignment
from tests.factories.accounts import UserFactory
from tests.grants.award_helpers import evidence, make_award
from tests.grants.review_helpers import make_applications, make_call, make_staff
from youthcities.accounts.models import User
from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF, REVIEWER
from youthcities.accounts.services import user_set_roles

pytestmark = pytest.mark.django_db


def _panel(client) -> dict[str, tuple[int, str]]:
    """The panel's lines as {label: (count, link)}."""
    html = client.get("/admin/").content.decode()
    assert 'id="yc-waiting-title"' in html, "no Waiting for you panel"
    lines = re.findall(
        r'<a href="([^"]+)"><span class="yc-waiting__count">(\d+)</span> '
        r'<span class="yc-waiting__label">([^<]+)</span>',
        html,
    )
    return {unescape(label): (int(count), link) for link, count, label in lines}


def test_each_role_of_the_demo_sees_what_waits_for_it(client, demo):
    client.force_login(User.objects.get(email="staff@example.org"))
    staff = _panel(client)
    # The Karak grantee's mid-term report waits for staff: its award's page.
    count, link = staff["Grantees' reports to approve"]
    assert count == 1 and re.fullmatch(r"/admin/grants/awards/\d+/", link)
    assert "Applications to assign to reviewers" in staff
    assert "Manual payments to approve" not in staff  # finance's, not staff's

    client.force_login(User.objects.get(email="moderator@example.org"))
    moderator = _panel(client)
    assert moderator["Campaigns to review"] == (1, "/admin/reports/workflow_tasks/")
    # The demo has two open reports: one about a campaign, one about its author.
    assert moderator["Reports of abuse to handle"] == (2, "/admin/campaigns/reports/")
    assert "Grantees' reports to approve" not in moderator

    client.force_login(User.objects.get(email="finance@example.org"))
    finance = _panel(client)
    assert finance["Tranches ready to pay"][1] == "/admin/grants/finance/ready-to-pay/"
    assert "Campaigns to review" not in finance


def test_staff_see_applications_short_of_reviewers_and_late_reviews():
    call = make_call(reviewers_per_application=2)
    full, short, none = make_applications(call, 3)
    reviewers = [UserFactory(roles=[REVIEWER]) for _ in range(3)]
    yesterday = timezone.now() - datetime.timedelta(days=1)
    ReviewAssignment.objects.create(application=full, reviewer=reviewers[0], due_at=yesterday)
    ReviewAssignment.objects.create(application=full, reviewer=reviewers[1])
    ReviewAssignment.objects.create(application=short, reviewer=reviewers[0])
    # A declared conflict leaves the application short of a reviewer.
    ReviewAssignment.objects.create(
        application=short, reviewer=reviewers[2], state=ReviewAssignment.State.CONFLICTED
    )
    from grants.dashboard import waiting_for

    items = {item.label: item for item in waiting_for(make_staff())}
    to_assign = items["Applications to assign to reviewers"]
    assert to_assign.count == 2
    assert to_assign.url == f"/admin/grants/calls/{call.pk}/reviewers/"  # one call: its page
    assert items["Reviews past their due date"].count == 1


def test_finance_are_not_asked_to_approve_the_payment_they_recorded(client):
    award = make_award(accept=True)
    first = UserFactory(roles=[FINANCE], is_staff=True)
    second = UserFactory(roles=[FINANCE], is_staff=True)
    manual_payment_record(
        tranche=award.tranches.get(position=1),
        actor=first,
        method="bank",
        reference="BLOM-1",
        paid_on=timezone.localdate(),
        amount=Decimal("500"),
        currency="USD",
        evidence=evidence(),
    )
    client.force_login(first)
    assert _panel(client)["Manual payments to approve"][0] == 0
    client.force_login(second)
    count, link = _panel(client)["Manual payments to approve"]
    assert (count, link) == (1, f"/admin/grants/awards/{award.pk}/")


def _dashboard_queries(client, user) -> int:
    client.get("/admin/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


def _more_waiting(n: int, finance, staff) -> None:
    for _ in range(n):
        award = make_award(accept=True, staff=staff)
        manual_payment_record(
            tranche=award.tranches.get(position=1),
            actor=finance,
            method="bank",
            reference="X",
            paid_on=timezone.localdate(),
            amount=award.tranches.get(position=1).amount,
            currency="USD",
            evidence=evidence(),
        )
        report_submit(
            report=award.reports.get(kind="midterm"),
            actor=award.grantee,
            progress="Done.",
            spending={},
            evidence=[evidence("photos.pdf")],
        )
        make_applications(make_call(), 2)


def test_the_panel_costs_the_same_queries_whatever_waits(client, django_assert_max_num_queries):
    staff = make_staff()
    user_set_roles(user=staff, roles=[PROGRAMME_STAFF, FINANCE], actor=None)
    finance = UserFactory(roles=[FINANCE], is_staff=True)
    client.force_login(staff)
    _more_waiting(1, finance, staff)
    few = _dashboard_queries(client, staff)
    _more_waiting(4, finance, staff)
    assert _dashboard_queries(client, staff) == few
    panel = _panel(client)
    assert panel["Manual payments to approve"][0] == 5
    assert panel["Grantees' reports to approve"] == (5, "/admin/grants/awards/")
    assert panel["Applications to assign to reviewers"][0] >= 10
    # The whole dashboard, Wagtail's own panels included, stays within a small budget.
    with django_assert_max_num_queries(40):
        client.get("/admin/")
