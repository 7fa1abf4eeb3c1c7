import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from grants.applications.models import Application
from grants.calls.models import GrantCall
from tests.factories.accounts import UserFactory, born_years_ago
from tests.factories.grants import GrantCallFactory
from tests.grants.wizard_helpers import ANSWERS, fill_all_steps, post_step, step_url
from youthcities.network.cities.models import City

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(client):
    user = UserFactory(display_name="Lina", preferred_language="fr")
    client.force_login(user)
    return user


def application_of(user, call):
    return Application.objects.get(applicant=user, call=call)


def test_a_full_application_is_submitted_with_a_reference(
    client, call, city, applicant, django_capture_on_commit_callbacks
):
    fill_all_steps(client, call, city)
    with django_capture_on_commit_callbacks(execute=True):
        done = post_step(client, call, "review")
    assert done.status_code == 302
    assert done["Location"] == "/en/my/applications/"
    application = application_of(applicant, call)
    assert application.status == "submitted"
    assert application.reference == f"YC-{timezone.now().year}-0001"
    assert application.city == city
    assert application.title == "Stories from our street"
    assert [str(line.amount) for line in application.budget_lines.all()] == ["250.000"]
    # The confirmation goes out in the applicant's language.
    assert "YC-" in mail.outbox[-1].subject
    assert "Bonjour Lina" in mail.outbox[-1].body


def test_every_step_shows_its_progress(client, call, city, applicant):
    response = client.get(step_url(call, "eligibility"))
    assert "Step 1 of 6" in response.content.decode()
    post_step(client, call, "eligibility", {"city": city.pk})
    assert "Step 2 of 6" in client.get(step_url(call, "team")).content.decode()


def test_each_valid_step_updates_the_draft(client, call, city, applicant):
    client.get(step_url(call, "eligibility"))
    post_step(client, call, "eligibility", {"city": city.pk})
    draft = application_of(applicant, call)
    assert draft.status == "draft"
    assert draft.city == city
    assert draft.completed_steps == ["eligibility"]


def test_save_and_finish_later_keeps_the_step(client, call, city, applicant):
    client.get(step_url(call, "eligibility"))
    response = post_step(client, call, "eligibility", {"city": city.pk}, save_later="1")
    assert response["Location"] == "/en/my/applications/"
    assert application_of(applicant, call).city == city


def test_the_draft_survives_logout_and_a_second_device(client, call, city, applicant):
    fill_all_steps(client, call, city, until="budget")
    client.logout()
    second_device = client_class_for(client)()
    second_device.force_login(applicant)
    page = second_device.get(step_url(call, "team"))
    assert page.status_code == 200
    assert "Saida Storytellers" in page.content.decode()
    # ... and carries on where the first device stopped.
    assert second_device.get(step_url(call, "budget")).status_code == 200


def client_class_for(client):
    return type(client)


def test_a_step_reached_by_url_too_early_sends_to_the_first_incomplete_one(
    client, call, city, applicant
):
    client.get(step_url(call, "eligibility"))
    post_step(client, call, "eligibility", {"city": city.pk})
    response = client.get(step_url(call, "budget"))
    assert response.status_code == 302
    assert response["Location"] == step_url(call, "team")


def test_tampered_management_data_loses_nothing(client, call, city, applicant):
    client.get(step_url(call, "eligibility"))
    post_step(client, call, "eligibility", {"city": city.pk})
    draft = application_of(applicant, call)
    response = client.post(
        step_url(call, "team"),
        {f"application_{draft.pk}-current_step": "no-such-step", "team-group_name": "X"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.city == city
    assert draft.completed_steps == ["eligibility"]


def test_ineligible_city_is_told_at_once(client, call, city, applicant):
    elsewhere = City.objects.create(name="Dakar", slug="dakar", country="SN", region="west_africa")
    call.cities.set([elsewhere])
    client.get(step_url(call, "eligibility"))
    response = post_step(client, call, "eligibility", {"city": city.pk})
    assert response.status_code == 200
    assert "open to young people in Dakar only" in response.content.decode()


def test_age_outside_the_calls_range_is_told_at_once(client, call, city):
    older = UserFactory(date_of_birth=born_years_ago(40))
    client.force_login(older)
    client.get(step_url(call, "eligibility"))
    response = post_step(client, call, "eligibility", {"city": city.pk})
    assert "aged 15 to 30" in response.content.decode()
    assert not application_of(older, call).completed_steps


def test_two_tabs_never_overwrite_each_other_silently(client, call, city, applicant):
    client.get(step_url(call, "eligibility"))
    post_step(client, call, "eligibility", {"city": city.pk})
    shown_version = application_of(applicant, call).version
    post_step(client, call, "team", {"group_name": "First tab"}, version=shown_version)
    response = post_step(client, call, "team", {"group_name": "Second tab"}, version=shown_version)
    assert response.status_code == 302
    assert application_of(applicant, call).group_name == "First tab"
    page = client.get(response["Location"]).content.decode()
    assert "changed in another tab" in page


def test_two_tabs_on_the_project_step_never_overwrite_each_other(client, call, city, applicant):
    """The project step is written by one conditional UPDATE: the version is the lock."""
    fill_all_steps(client, call, city)
    shown_version = application_of(applicant, call).version
    post_step(client, call, "project", {"title": "First tab"}, version=shown_version)
    response = post_step(client, call, "project", {"title": "Second tab"}, version=shown_version)
    assert application_of(applicant, call).title == "First tab"
    assert "changed in another tab" in client.get(response["Location"]).content.decode()
    saved = application_of(applicant, call)
    assert saved.version == shown_version + 1
    assert saved.completed_steps == ["eligibility", "team", "project", "budget", "documents"]


def test_a_submitted_application_is_not_changed_by_a_form_left_open(client, call, city, applicant):
    fill_all_steps(client, call, city)
    version = application_of(applicant, call).version
    post_step(client, call, "review")
    submitted = application_of(applicant, call)
    assert submitted.status == "submitted"
    from grants.applications.services import application_save_step
    from grants.errors import NotAllowed

    with pytest.raises(NotAllowed):
        application_save_step(
            application=submitted, step="project", data={"title": "Changed"},
            version=submitted.version, actor=applicant,
        )  # fmt: skip
    post_step(client, call, "project", {"title": "Changed"}, version=version)
    assert application_of(applicant, call).title == "Stories from our street"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([("Snacks", "venue", "-20")], "more than zero"),
        ([("Snacks", "venue", "10.555")], "at most 2 decimals"),
        ([("Snacks", "venue", "ten")], "Enter an amount"),
        ([("Everything", "other", "5000.01")], "above this call"),
    ],
)
def test_bad_budgets_are_refused(client, call, city, applicant, lines, message):
    fill_all_steps(client, call, city, until="budget")
    response = post_step(client, call, "budget", lines)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not application_of(applicant, call).budget_lines.exists()


def test_budget_in_another_currency_is_refused(client, call, city, applicant):
    from tests.grants.wizard_helpers import budget_data

    fill_all_steps(client, call, city, until="budget")
    draft = application_of(applicant, call)
    payload = budget_data(call, [("Snacks", "venue", "20")], currency="EUR")
    payload.update(
        {f"application_{draft.pk}-current_step": "budget", "draft_version": draft.version}
    )
    response = client.post(step_url(call, "budget"), payload)
    assert "Amounts must be in USD" in response.content.decode()


def test_currency_without_minor_units_refuses_decimals(client, city, applicant):
    call = GrantCallFactory(currency="XOF", max_amount=1_500_000)
    fill_all_steps(client, call, city, until="budget")
    response = post_step(client, call, "budget", [("Transport", "travel", "1500.5")])
    assert "at most 0 decimals" in response.content.decode()
    assert post_step(client, call, "budget", [("Transport", "travel", "1500")]).status_code == 302


def test_very_long_text_is_refused_with_the_limit(client, call, city, applicant):
    fill_all_steps(client, call, city, until="project")
    response = post_step(client, call, "project", {"summary": "x" * 501})
    assert response.status_code == 200
    assert "at most 500 characters" in response.content.decode()
    assert application_of(applicant, call).summary == ""


def test_mixed_arabic_and_english_text_is_kept_intact(client, call, city, applicant):
    fill_all_steps(client, call, city, until="project")
    title = "مشروع Stories من شارعنا 2027"
    post_step(client, call, "project", {"title": title})
    assert application_of(applicant, call).title == title


def test_submission_one_second_after_the_deadline_is_refused_and_the_draft_kept(
    client, call, city, applicant
):
    fill_all_steps(client, call, city)
    call.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    call.save()
    response = post_step(client, call, "review")
    page = client.get(response["Location"], follow=True).content.decode()
    assert "This call has closed" in page
    draft = application_of(applicant, call)
    assert draft.status == "draft"
    assert draft.title == "Stories from our street"


@override_settings(REQUEST_START_HEADER="X-Request-Start")
def test_a_submission_sent_before_the_deadline_counts_although_served_after_it(
    client, call, city, applicant
):
    """The last minutes before a deadline: the request waited in the servers' queue. The load
    balancer's stamp says it arrived before the call closed: accepted, submitted at that moment."""
    fill_all_steps(client, call, city)
    sent = timezone.now() - datetime.timedelta(seconds=3)
    call.closes_at = sent + datetime.timedelta(seconds=1)
    call.save()
    response = post_step(
        client, call, "review", headers={"X-Request-Start": f"t={sent.timestamp():.3f}"}
    )
    assert response["Location"] == "/en/my/applications/"
    submitted = application_of(applicant, call)
    assert submitted.status == "submitted"
    assert abs(submitted.submitted_at - sent) < datetime.timedelta(milliseconds=1)


@pytest.mark.parametrize("trusted", ["", "X-Request-Start"])
def test_a_stamp_cannot_reopen_a_closed_call(client, call, city, applicant, trusted):
    """Without the setting anyone could write the header; with it, an old stamp is not believed."""
    fill_all_steps(client, call, city)
    call.closes_at = timezone.now() - datetime.timedelta(seconds=5)
    call.save()
    stamp = (timezone.now() - datetime.timedelta(seconds=10 if not trusted else 600)).timestamp()
    with override_settings(REQUEST_START_HEADER=trusted):
        response = post_step(client, call, "review", headers={"X-Request-Start": f"t={stamp:.3f}"})
    assert "This call has closed" in client.get(response["Location"], follow=True).content.decode()
    assert application_of(applicant, call).status == "draft"


def test_minor_waiting_for_consent_cannot_submit(client, call, city):
    from youthcities.accounts.services import guardian_consent_request

    minor = UserFactory(date_of_birth=born_years_ago(15), country="DE")
    guardian_consent_request(user=minor, guardian_email="parent@example.org")
    client.force_login(minor)
    fill_all_steps(client, call, city)
    response = post_step(client, call, "review")
    page = client.get(response["Location"], follow=True).content.decode()
    assert "not yet confirmed" in page
    assert application_of(minor, call).status == "draft"


def test_submitting_twice_from_two_tabs_makes_one_application(client, call, city, applicant):
    fill_all_steps(client, call, city)
    version = application_of(applicant, call).version
    post_step(client, call, "review", version=version)
    client.get(step_url(call, "submit"))
    second = post_step(client, call, "review", version=version)
    assert second.status_code == 302
    assert Application.objects.filter(applicant=applicant).count() == 1
    assert application_of(applicant, call).reference.endswith("-0001")


def test_wizard_needs_login(client, call):
    response = client.get(step_url(call, "eligibility"))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def _step_again(applicant, call, step, **changes) -> dict:
    """The POST of a step already filled (wizard_helpers' answers), with some answers changed."""
    draft = application_of(applicant, call)
    answers = {**ANSWERS[step], **changes}
    return {
        f"application_{draft.pk}-current_step": step,
        "draft_version": draft.version,
        **{f"{step}-{key}": value for key, value in answers.items()},
    }


@pytest.mark.parametrize(
    ("step", "field", "value", "next_step", "most_queries"),
    [
        # The step saved most often in a deadline rush: the session and the person's roles
        # (both read from Redis in production), the person, the draft with its call (one
        # query), and one UPDATE of the draft with the step and the wizard's state.
        ("project", "title", "Edited in the rush", "budget", 5),
        # Co-applicants take the locked path: the state goes in its UPDATE too.
        ("team", "group_name", "Renamed", "project", 15),
    ],
)
def test_a_step_and_the_wizards_state_are_written_in_one_statement(
    client, call, city, applicant, django_assert_max_num_queries,
    step, field, value, next_step, most_queries,
):  # fmt: skip
    fill_all_steps(client, call, city)
    payload = _step_again(applicant, call, step, **{field: value})
    with django_assert_max_num_queries(most_queries) as queries:
        response = client.post(step_url(call, step), payload)
    assert response.status_code == 302
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    [with_state] = [sql for sql in updates if '"wizard_state"' in sql]
    assert f'"{field}"' in with_state
    saved = application_of(applicant, call)
    assert getattr(saved, field) == value
    # The state the next request reads: the edited step's data, and the step after it.
    assert saved.wizard_state["step_data"][step][f"{step}-{field}"] == [value]
    assert saved.wizard_state["step"] == next_step


def test_a_first_visit_looks_for_the_persons_own_application_once(
    client, call, applicant, django_assert_max_num_queries
):
    """Nobody's draft yet: their own application, then one they were invited to, then a new one;
    the wizard does not look for their own a second time."""
    with django_assert_max_num_queries(40) as queries:  # starting: the audit, the session…
        response = client.get(step_url(call, "eligibility"))
    assert response.status_code == 200
    lookups = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "grants_application"' in q["sql"]
    ]
    assert len([sql for sql in lookups if '"applicant_id" =' in sql]) == 1
    assert application_of(applicant, call).is_draft


def test_saving_a_step_stays_within_its_query_budget(
    client, call, city, applicant, django_assert_max_num_queries
):
    client.get(step_url(call, "eligibility"))
    draft = application_of(applicant, call)
    payload = {
        f"application_{draft.pk}-current_step": "eligibility",
        "draft_version": draft.version,
        "eligibility-city": city.pk,
        "eligibility-group_kind": "informal_group",
        "eligibility-theme": "inclusion",
    }
    with django_assert_max_num_queries(15):
        response = client.post(step_url(call, "eligibility"), payload)
    assert response.status_code == 302
    assert application_of(applicant, call).city == city


def test_co_applicants_are_invited_and_can_edit_but_not_submit(
    client, call, city, applicant, django_capture_on_commit_callbacks
):
    client.get(step_url(call, "eligibility"))
    post_step(client, call, "eligibility", {"city": city.pk})
    with django_capture_on_commit_callbacks(execute=True):
        post_step(client, call, "team", {"co_applicants": "Karim@example.org\nnour@example.org"})
    invited = {tuple(m.to) for m in mail.outbox}
    assert invited == {("karim@example.org",), ("nour@example.org",)}
    assert f"/fr/grants/{call.slug}/apply/" in mail.outbox[0].body  # the applicant's language

    karim = UserFactory(email="karim@example.org")
    client.force_login(karim)
    page = client.get(step_url(call, "team"))
    assert page.status_code == 200
    assert "Saida Storytellers" in page.content.decode()
    post_step_as(client, call, applicant, "team", {"group_name": "Edited by Karim"})
    assert application_of(applicant, call).group_name == "Edited by Karim"
    assert not Application.objects.filter(applicant=karim).exists()

    from grants.applications.services import application_submit
    from grants.errors import NotAllowed

    with pytest.raises(NotAllowed):
        application_submit(application=application_of(applicant, call), user=karim)


def post_step_as(client, call, owner, step, data):
    draft = application_of(owner, call)
    payload = {f"application_{draft.pk}-current_step": step, "draft_version": draft.version}
    from tests.grants.wizard_helpers import ANSWERS

    payload.update({f"{step}-{k}": v for k, v in {**ANSWERS[step], **data}.items()})
    return client.post(step_url(call, step), payload)


def test_inviting_yourself_or_bad_emails_is_refused(client, call, city, applicant):
    client.get(step_url(call, "eligibility"))
    post_step(client, call, "eligibility", {"city": city.pk})
    response = post_step(client, call, "team", {"co_applicants": "not-an-email"})
    assert "not a valid email" in response.content.decode()
    response = post_step(client, call, "team", {"co_applicants": applicant.email})
    assert "do not invite yourself" in response.content.decode()


def test_the_wizard_speaks_the_visitors_language(client, call, city, applicant):
    client.get(step_url(call, "eligibility"))  # English first: nothing may stick
    body = client.get(f"/ar/grants/{call.slug}/apply/eligibility/").content.decode()
    assert "<h1>الأهلية</h1>" in body
    assert "المراجعة والإرسال" in body
    assert "Check and submit" not in body


def test_co_applicant_invitations_are_limited_per_application_and_hour(
    client, call, city, applicant, django_capture_on_commit_callbacks
):
    client.get(step_url(call, "eligibility"))
    post_step(client, call, "eligibility", {"city": city.pk})
    for batch in ("a", "b"):  # ten invitations in the hour: allowed
        emails = "\n".join(f"{batch}{n}@example.org" for n in range(5))
        with django_capture_on_commit_callbacks(execute=True):
            response = post_step(client, call, "team", {"co_applicants": emails})
        assert response.status_code == 302
        client.get(step_url(call, "team"))
    assert len(mail.outbox) == 10
    with django_capture_on_commit_callbacks(execute=True):
        response = post_step(
            client, call, "team", {"co_applicants": "c0@example.org", "group_name": "Kept"}
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert "invited too many people" in body
    assert "c0@example.org" in body and 'value="Kept"' in body  # nothing lost from the form
    assert len(mail.outbox) == 10
    draft = application_of(applicant, call)
    assert sorted(draft.co_applicants.values_list("email", flat=True))[0] == "b0@example.org"


HALF_FILLED = {"title": "Stories from our street", "summary": "We collect stories", "problem": ""}


def half_filled_project(client, call, city):
    fill_all_steps(client, call, city, until="project")
    return post_step(
        client,
        call,
        "project",
        {**HALF_FILLED, "audience": "", "activities": "", "timeline": ""},
        save_later="1",
    )


def test_save_and_finish_later_keeps_a_half_filled_step_as_typed(client, call, city, applicant):
    response = half_filled_project(client, call, city)
    assert response.status_code == 302
    assert response["Location"] == "/en/my/applications/"
    draft = application_of(applicant, call)
    # The answers valid on their own are on the draft: it is named in "My applications".
    assert draft.title == "Stories from our street"
    assert "project" not in draft.completed_steps
    assert "Stories from our street" in client.get("/en/my/applications/").content.decode()
    # Back on the step: what was typed, and no error until Continue.
    page = client.get(step_url(call, "project")).content.decode()
    assert 'value="Stories from our street"' in page
    assert "We collect stories" in page
    assert "This field is required" not in page


def test_continue_validates_what_save_later_kept(client, call, city, applicant):
    half_filled_project(client, call, city)
    response = post_step(
        client, call, "project", {**HALF_FILLED, "audience": "", "activities": "", "timeline": ""}
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert "project" not in application_of(applicant, call).completed_steps


def test_a_half_filled_draft_cannot_be_submitted(client, call, city, applicant):
    half_filled_project(client, call, city)
    # Jumping ahead is refused: the first unfinished step is the project.
    assert client.get(step_url(call, "review"))["Location"].endswith("/apply/project/")


def test_the_team_step_refuses_a_team_smaller_than_the_call_asks(client, call, city, applicant):
    call.min_team_size = 3
    call.save(update_fields=["min_team_size"])
    fill_all_steps(client, call, city, until="team")
    response = post_step(client, call, "team", {"member_count": "2"})
    assert response.status_code == 200
    assert "This call is for groups of at least 3 members." in response.content.decode()
    assert post_step(client, call, "team", {"member_count": "3"}).status_code == 302


def test_submission_checks_the_team_size_again(client, call, city, applicant):
    from grants.applications.rules import application_problems

    fill_all_steps(client, call, city)
    Application.objects.filter(applicant=applicant).update(member_count=2)
    GrantCall.objects.filter(pk=call.pk).update(min_team_size=3)
    problems = application_problems(application_of(applicant, call))
    assert "This call is for groups of at least 3 members." in problems["team"]


def test_the_budget_step_speaks_money_in_the_readers_language(client, call, city, applicant):
    call.max_amount = Decimal("5000")
    call.currency = "USD"
    call.save(update_fields=["max_amount", "currency"])
    fill_all_steps(client, call, city, until="budget")
    english = client.get(step_url(call, "budget")).content.decode()
    assert "The total may be up to $5,000.00." in english
    assert "5000.000 USD" not in english
    french = client.get(step_url(call, "budget").replace("/en/", "/fr/")).content.decode()
    assert "5\u202f000,00\xa0$US" in french
    arabic = client.get(step_url(call, "budget").replace("/en/", "/ar/")).content.decode()
    assert "5000.000 USD" not in arabic and "<bdi" in arabic


def test_the_budget_error_summary_names_the_line_and_the_total_runs(client, call, city, applicant):
    fill_all_steps(client, call, city, until="budget")
    response = post_step(
        client, call, "budget", [("Materials", "materials", "250"), ("Venue", "venue", "ten")]
    )
    page = response.content.decode()
    assert response.status_code == 200
    summary = page[page.index("error-summary") : page.index("</div>", page.index("error-summary"))]
    assert "Line 2, Amount: Enter an amount, like 250 or 99.50." in summary
    assert 'href="#id_budget-1-amount"' in summary
    assert "Total so far:" in page and "250.00" in page


def test_a_submitted_application_can_be_read_back_by_its_team_only(
    client, call, city, applicant, django_capture_on_commit_callbacks
):
    fill_all_steps(client, call, city)
    with django_capture_on_commit_callbacks(execute=True):
        post_step(client, call, "review")
    application = application_of(applicant, call)
    url = f"/en/my/applications/{application.pk}/"
    assert url in client.get("/en/my/applications/").content.decode()
    # The confirmation email links to it, in the applicant's language.
    assert f"/fr/my/applications/{application.pk}/" in mail.outbox[-1].body
    page = client.get(url).content.decode()
    assert application.reference in page
    assert "Stories from our street" in page and "Saida Storytellers" in page
    assert "Print or save as PDF" in page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
