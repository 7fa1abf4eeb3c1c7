"""Saving one step of the application wizard, "Your answers" with 30 of the call's own questions
(a third of them conditional), over HTTP against gunicorn: one save after the other by one
logged-in applicant, in rounds alternating with the bare view requested by the same client;
saves/s and latency as ratios to the bare view's, and the number of database queries the save
makes (counted in-process on the same database)."""

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request

from bench.harness import bare_sequential, django_script, log, paired, timed

CALL = "local-innovation-grants-2027"
SAVES = 40  # per round; BENCH_ROUNDS rounds (5)
GOALS = {
    "wizard_step_vs_bare": (">=", 0.25),
    "wizard_step_p95_vs_bare": ("<=", 6),
    "wizard_step_queries": ("<=", 15),
}

COUNT_QUERIES = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from grants.models import Application
from youthcities.accounts.models import User

user = User.objects.get(email="bench@example.org")
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)
client.get("/en/grants/%(call)s/apply/answers/")
counts = []
for _ in range(5):
    draft = Application.objects.get(applicant=user, call__slug="%(call)s")
    data = {
        f"application_{draft.pk}-current_step": "answers",
        "draft_version": draft.version,
        "answers-questions_version": draft.questions_version_id,
        **{f"answers-q_{name}": value for name, value in %(answers)r.items()},
    }
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/en/grants/%(call)s/apply/answers/", data)
    assert response.status_code == 302, response.status_code
    counts.append(len(queries))
print(json.dumps(counts))
"""

MAKE_USER = """
from django.contrib.auth import get_user_model
from youthcities.accounts.services import user_complete_profile
import datetime
User = get_user_model()
if not User.objects.filter(email="bench@example.org").exists():
    user = User.objects.create_user(
        email="bench@example.org", password="bench-password-123", display_name="Bench"
    )
    from allauth.account.models import EmailAddress
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    user_complete_profile(
        user=user, display_name="Bench", legal_name="", date_of_birth=datetime.date(2000, 1, 1),
        country="LB", city="Saida", preferred_language="en",
    )
"""

# The call gets 30 questions of its own, and the bench user a draft whose earlier steps are
# done, so that the step saved is "Your answers".
QUESTIONS = [
    (kind, name, label, condition)
    for number in range(10)
    for kind, name, label, condition in [
        ("yes_no", f"gate-{number}", f"Question {number}: yes or no?", ""),
        ("short_text", f"text-{number}", f"Question {number}: in a word", ""),
        ("long_text", f"why-{number}", f"Question {number}: why?", f"gate-{number}"),
    ]
]
ANSWERS = {
    name: {"yes_no": "yes", "short_text": "word", "long_text": "Because."}[kind]
    for kind, name, _label, _condition in QUESTIONS
}

SET_UP_QUESTIONS = """
from grants.applications.services import application_draft_for, application_save_step
from grants.calls.models import GrantCall
from grants.calls.services import call_questions_publish
from youthcities.accounts.models import User
from youthcities.network.cities.models import City

call = GrantCall.objects.get(slug="%(call)s")
call.questions = [
    (kind, {
        "name": name, "label_en": label, "label_fr": "", "label_ar": "", "help_en": "",
        "help_fr": "", "help_ar": "", "required": not condition, "identifying": False,
        "show_when_question": condition, "show_when_answer": "yes" if condition else "",
    })
    for kind, name, label, condition in %(questions)r
]
call.save()
call_questions_publish(call=call, actor=None)
user = User.objects.get(email="bench@example.org")
draft = application_draft_for(call=call, applicant=user)
city = call.cities.first() or City.objects.first()
steps = {
    "eligibility": {"city": city, "group_kind": "informal_group", "theme": "inclusion"},
    "team": {"group_name": "Bench", "organisation_name": "", "member_count": 5,
             "lead_role": "Lead", "co_applicants": []},
    "project": {name: "Text" for name in
                ["title", "summary", "problem", "audience", "activities", "timeline"]},
}
for step, data in steps.items():
    draft = application_save_step(application=draft, step=step, data=data,
                                  version=draft.version, actor=user)
print(draft.questions_version_id)
"""


def run(ctx) -> dict[str, float]:
    base, env = ctx["base"], ctx["env"]
    django_script(env, MAKE_USER)
    django_script(env, SET_UP_QUESTIONS % {"call": CALL, "questions": QUESTIONS})
    jar = http.cookiejar.CookieJar(policy=LoopbackPolicy())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())

    def csrf():
        return next(c.value for c in jar if c.name == "csrftoken")

    opener.open(base + "/en/account/login/")
    post(
        opener,
        base + "/en/account/login/",
        {
            "login": "bench@example.org",
            "password": "bench-password-123",
            "csrfmiddlewaretoken": csrf(),
        },
        referer=base,
    )
    page = opener.open(base + f"/en/grants/{CALL}/apply/answers/").read().decode()
    prefix = re.search(r'name="(application_\d+)-current_step"', page).group(1)
    version = int(re.search(r'name="draft_version" value="(\d+)"', page).group(1))
    questions_version = re.search(r'name="answers-questions_version" value="(\d+)"', page)
    answers = {f"answers-q_{name}": value for name, value in ANSWERS.items()}
    state = {"version": version}

    def save():
        data = {
            "csrfmiddlewaretoken": csrf(),
            f"{prefix}-current_step": "answers",
            "draft_version": state["version"],
            "answers-questions_version": questions_version.group(1),
            **answers,
        }
        status = post(opener, base + f"/en/grants/{CALL}/apply/answers/", data, referer=base)
        if status != 302:
            raise RuntimeError(f"saving a step answered {status}")
        state["version"] += 1

    timed(5, save)  # warm-up
    figures = paired(
        "wizard_step", lambda: timed(SAVES, save), lambda: bare_sequential(base, SAVES, opener)
    )
    script = COUNT_QUERIES % {"call": CALL, "answers": ANSWERS}
    counts = json.loads(django_script(env, script).strip().splitlines()[-1])
    log(f"wizard_step: 30 answers, queries per save {counts}")
    return {**figures, "wizard_step_queries": max(counts)}


class LoopbackPolicy(http.cookiejar.DefaultCookiePolicy):
    """Production settings mark cookies Secure (HTTPS only); the benchmark talks plain HTTP on
    loopback, so send them anyway."""

    def return_ok_secure(self, cookie, request):
        return True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(opener, url, data, referer) -> int:
    request = urllib.request.Request(  # noqa: S310 — loopback
        url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": referer + "/"}
    )
    try:
        with opener.open(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
