import pytest

from grants.calls.models import GrantCall
from youthcities.accounts.models import User

pytestmark = pytest.mark.django_db


def login(client, email):
    client.force_login(User.objects.get(email=email))


def test_staff_list_filter_and_export_applications(client, demo, django_assert_max_num_queries):
    login(client, "staff@example.org")
    closed = GrantCall.objects.get(slug="local-innovation-grants-2026")
    with django_assert_max_num_queries(40):
        page = client.get(f"/admin/grants/applications/?call={closed.pk}&status=submitted")
    assert page.status_code == 200
    body = page.content.decode()
    assert "YC-" in body
    export = client.get(f"/admin/grants/applications/?call={closed.pk}&export=csv")
    assert export.status_code == 200
    rows = b"".join(export.streaming_content).decode().strip().splitlines()
    assert len(rows) == 56  # header and 55 applications
    assert rows[0].startswith("Reference")


def test_staff_search_applications_by_reference(client, demo):
    login(client, "staff@example.org")
    body = client.get("/admin/grants/applications/?q=YC-").content.decode()
    assert "YC-" in body


def test_staff_create_a_call(client, demo):
    login(client, "staff@example.org")
    assert client.get("/admin/grants/calls/new/").status_code == 200


@pytest.mark.parametrize(
    "email", ["applicant@example.org", "reviewer@example.org", "moderator@example.org"]
)
def test_other_roles_cannot_see_applications_in_the_admin(client, demo, email):
    login(client, email)
    assert client.get("/admin/grants/applications/").status_code in (302, 403)


def test_anonymous_is_sent_to_login(client, demo):
    assert client.get("/admin/grants/applications/").status_code == 302


def test_staff_create_a_call_with_its_rubric(client, demo):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    login(client, "staff@example.org")
    data = nested_form_data(
        {
            "slug": "spring-2027",
            "title_en": "Spring grants 2027",
            "title_fr": "",
            "title_ar": "",
            "description_en": "For youth projects.",
            "description_fr": "",
            "description_ar": "",
            "opens_at": "2027-03-01 09:00",
            "closes_at": "2027-04-01 17:00",
            "timezone": "Africa/Nairobi",
            "min_age": 15,
            "max_age": 30,
            "min_team_size": 3,
            "currency": "KES",
            "max_amount": "250000",
            "reviewers_per_application": 3,
            "disagreement_threshold": "1.5",
            "questions": streamfield([]),
            "declined_retention_months": 24,
            "criteria": inline_formset(
                [
                    {"name_en": "Relevance", "weight": "2", "scale_min": 1, "scale_max": 5},
                    {
                        "name_en": "Value for money",
                        "weight": "1",
                        "scale_min": 1,
                        "scale_max": 5,
                        "allow_not_applicable": "on",
                    },
                ]
            ),
        }
    )
    data["group_kinds"] = ["informal_group"]
    data["themes"] = ["hate_speech", "inclusion"]
    response = client.post("/admin/grants/calls/new/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    call = GrantCall.objects.get(slug="spring-2027")
    assert call.themes == ["hate_speech", "inclusion"]
    assert call.group_kinds == ["informal_group"]
    assert call.min_team_size == 3
    assert [(c.name_en, str(c.weight), c.allow_not_applicable) for c in call.criteria.all()] == [
        ("Relevance", "2.00", False),
        ("Value for money", "1.00", True),
    ]


def test_a_call_must_close_after_it_opens_and_use_a_real_currency(client, demo):
    login(client, "staff@example.org")
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = nested_form_data(
        {
            "slug": "broken",
            "title_en": "Broken",
            "description_en": "x",
            "opens_at": "2027-04-01 09:00",
            "closes_at": "2027-03-01 09:00",
            "timezone": "Mars/Olympus",
            "min_age": 15,
            "max_age": 30,
            "min_team_size": 0,
            "currency": "XXY",
            "max_amount": "100",
            "questions": streamfield([]),
            "declined_retention_months": 24,
            "criteria": inline_formset([]),
        }
    )
    response = client.post("/admin/grants/calls/new/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "must close after it opens" in body
    assert "not an ISO 4217 currency" in body
    assert "not a known time zone" in body
    assert "greater than or equal to 1" in body  # a team of nobody
    assert not GrantCall.objects.filter(slug="broken").exists()


def _call_form(call, criteria, user):
    """The admin's call form for `call`, with its fields as they are and `criteria` as rows."""
    from django.forms.models import model_to_dict
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    from grants.calls.viewsets import GrantCallViewSet

    form_class = GrantCallViewSet().get_edit_handler().get_form_class()
    fields = {
        k: v
        for k, v in model_to_dict(call).items()
        if k not in {"id", "criteria", "cities", "rubric_unlocked_at"} and v is not None
    }
    fields["opens_at"] = call.opens_at.strftime("%Y-%m-%d %H:%M")
    fields["closes_at"] = call.closes_at.strftime("%Y-%m-%d %H:%M")
    fields.pop("review_closes_at", None)
    fields["criteria"] = inline_formset(criteria, initial=len(criteria))
    fields["questions"] = streamfield([])
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.update(nested_form_data(fields))
    data.setlist("group_kinds", call.group_kinds)
    data.setlist("themes", call.themes)
    return form_class(data, instance=call, for_user=user)


def _rows(call, **changes):
    rows = []
    for criterion in call.criteria.all():
        row = {
            "id": criterion.pk,
            "name_en": criterion.name_en,
            "weight": str(criterion.weight),
            "scale_min": criterion.scale_min,
            "scale_max": criterion.scale_max,
        }
        row.update(changes)
        rows.append(row)
    return rows


def test_a_rubric_with_scores_is_locked_and_its_criteria_cannot_be_deleted():
    from grants.calls.services import rubric_unlock
    from tests.grants.review_helpers import (
        make_applications,
        make_call,
        make_reviewers,
        make_staff,
        score,
    )

    call = make_call()
    staff = make_staff()
    [reviewer] = make_reviewers(1)
    score(make_applications(call, 1)[0], reviewer, [4, 4])

    form = _call_form(call, _rows(call, weight="3"), staff)
    assert not form.is_valid()
    assert "the rubric is locked" in str(form.non_field_errors())

    rubric_unlock(call=call, actor=staff, reason="Weights were wrong")
    call.refresh_from_db()
    rows = _rows(call)
    rows[0]["DELETE"] = "on"
    form = _call_form(call, rows, staff)
    assert not form.is_valid()
    assert "already has scores" in str(form.non_field_errors())

    form = _call_form(call, _rows(call, weight="3"), staff)
    assert form.is_valid(), form.errors
    form.save()
    call.refresh_from_db()
    assert call.rubric_unlocked_at is None  # one change, then locked again


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weight": "0"}, "add up to zero"),
        ({"scale_max": 7}, "same scale"),
    ],
)
def test_rubric_weights_and_scales_are_checked(changes, message):
    from tests.grants.review_helpers import make_call, make_staff

    call = make_call()
    rows = _rows(call)
    if "weight" in changes:
        rows = _rows(call, **changes)
    else:
        rows[0].update(changes)
    form = _call_form(call, rows, make_staff())
    assert not form.is_valid()
    assert message in str(form.non_field_errors())


def refused(response):
    """Wagtail answers a missing permission with a redirect to the dashboard and a message."""
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


@pytest.mark.parametrize("email", ["staff@example.org", "superuser"])
def test_nobody_edits_an_applications_status_in_the_admin(client, demo, email):
    """The status moves only through the lifecycle services: no admin form holds it, for staff
    or a superuser (the permission policy gives "change" to no role)."""
    from grants.applications.models import Application
    from tests.factories.accounts import UserFactory

    user = (
        UserFactory(is_superuser=True, is_staff=True)
        if email == "superuser"
        else User.objects.get(email=email)
    )
    client.force_login(user)
    application = Application.objects.filter(status=Application.Status.SUBMITTED).first()
    edit = f"/admin/grants/applications/edit/{application.pk}/"
    refused(client.get(edit))
    refused(client.post(edit, {"status": "approved"}))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert client.get(f"/admin/grants/applications/inspect/{application.pk}/").status_code == 200
    assert client.get("/admin/grants/applications/").status_code == 200


def test_staff_cannot_delete_a_call(client, demo):
    login(client, "staff@example.org")
    call = GrantCall.objects.get(slug="local-innovation-grants-2026")
    refused(client.post(f"/admin/grants/calls/delete/{call.pk}/"))
    assert GrantCall.objects.filter(pk=call.pk).exists()
