"""Saving one step of the application wizard over HTTP against gunicorn, one save after the other
by one logged-in applicant, in rounds alternating with the bare view requested by the same client:
saves/s and latency as ratios to the bare view's; and the number of database queries the save
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
client.get("/en/grants/%(call)s/apply/eligibility/")
counts = []
for _ in range(5):
    draft = Application.objects.get(applicant=user, call__slug="%(call)s")
    data = {
        f"application_{draft.pk}-current_step": "eligibility",
        "draft_version": draft.version,
        "eligibility-city": draft.call.cities.first().pk if draft.call.cities.exists() else 1,
        "eligibility-group_kind": "informal_group",
        "eligibility-theme": "inclusion",
    }
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/en/grants/%(call)s/apply/eligibility/", data)
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


def run(ctx) -> dict[str, float]:
    base, env = ctx["base"], ctx["env"]
    django_script(env, MAKE_USER)
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
    page = opener.open(base + f"/en/grants/{CALL}/apply/eligibility/").read().decode()
    prefix = re.search(r'name="(application_\d+)-current_step"', page).group(1)
    version = int(re.search(r'name="draft_version" value="(\d+)"', page).group(1))
    city = re.search(r'<option value="(\d+)"', page).group(1)
    state = {"version": version}

    def save():
        data = {
            "csrfmiddlewaretoken": csrf(),
            f"{prefix}-current_step": "eligibility",
            "draft_version": state["version"],
            "eligibility-city": city,
            "eligibility-group_kind": "informal_group",
            "eligibility-theme": "inclusion",
        }
        status = post(opener, base + f"/en/grants/{CALL}/apply/eligibility/", data, referer=base)
        if status != 302:
            raise RuntimeError(f"saving a step answered {status}")
        state["version"] += 1

    timed(5, save)  # warm-up
    figures = paired(
        "wizard_step", lambda: timed(SAVES, save), lambda: bare_sequential(base, SAVES, opener)
    )
    counts = json.loads(django_script(env, COUNT_QUERIES % {"call": CALL}).strip().splitlines()[-1])
    log(f"wizard_step: queries per save {counts}")
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
