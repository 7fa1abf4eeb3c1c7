"""Fill the application wizard through the test client, as a browser would post it."""

from grants.applications.models import Application

ANSWERS = {
    "eligibility": {"city": None, "group_kind": "informal_group", "theme": "hate_speech"},
    "team": {
        "group_name": "Saida Storytellers",
        "organisation_name": "",
        "member_count": "6",
        "lead_role": "Coordinator",
        "co_applicants": "",
    },
    "project": {
        "title": "Stories from our street",
        "summary": "We collect stories that answer hate speech.",
        "problem": "Hate speech online divides young people.",
        "audience": "Secondary school students.",
        "activities": "Workshops and a campaign.",
        "timeline": "Six months.",
    },
    "documents": {},
    "review": {"declaration": "on", "consent": "on"},
}


def step_url(call, step):
    return f"/en/grants/{call.slug}/apply/{step}/"


def post_step(client, call, step, data=None, files=None, version=None, headers=None, **extra):
    application = Application.objects.get(call=call, applicant_id=client.session["_auth_user_id"])
    payload = {
        f"application_{application.pk}-current_step": step,
        "draft_version": application.version if version is None else version,
    }
    if step == "budget":
        payload.update(budget_data(call, data or [("Materials", "materials", "250.00")]))
    else:
        values = dict(ANSWERS.get(step, {}))
        values.update(data or {})
        payload.update(
            {f"{step}-{key}": value for key, value in values.items() if value is not None}
        )
    if step == "review" and "save_later" not in extra:
        payload["submit_application"] = "1"  # the Submit button, as a browser sends it
    payload.update(files or {})
    payload.update(extra)
    payload = {key: value for key, value in payload.items() if value is not None}
    return client.post(step_url(call, step), payload, headers=headers)


def budget_data(call, lines, currency=None):
    data = {
        "budget-TOTAL_FORMS": str(max(len(lines), 1)),
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "20",
    }
    for index, (description, category, amount) in enumerate(lines):
        data.update(
            {
                f"budget-{index}-description": description,
                f"budget-{index}-category": category,
                f"budget-{index}-amount": amount,
                f"budget-{index}-currency": currency or call.currency,
            }
        )
    return data


def fill_all_steps(client, call, city, *, until="review"):
    client.get(step_url(call, "eligibility"))
    for step in ["eligibility", "team", "project", "answers", "budget", "documents", "review"]:
        if step == until:
            return
        if step == "answers" and not call.question_versions.exists():
            continue  # a call without questions of its own has no "Your answers" step
        data = {"city": city.pk} if step == "eligibility" else None
        response = post_step(client, call, step, data)
        assert response.status_code == 302, (step, response.content.decode()[:3000])
