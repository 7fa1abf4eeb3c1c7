"""The staff ranking of a call at scale: 10 000 applications × 3 reviews × 6 criteria, seeded in
bulk on PostgreSQL, then the ranking page (50 rows) requested over HTTP by a programme staff
member, sorted by the normalised score and filtered to one city. The ranking is cached per
version of the call (any change moves the version), so the page is timed as staff see it between
changes; the query itself is also timed uncached. Queries are counted in-process."""

import json
import statistics
import time
import urllib.request

from bench.harness import django_script, log

APPLICATIONS = 10_000
REQUESTS = 60
GOALS = {"ranking_p95_ms": ("<=", 150), "ranking_queries": ("<=", 10)}

SEED = """
import json, random
from decimal import Decimal
from django.db import connection, transaction
from django.utils import timezone
from grants.models import (
    Application, BudgetLine, GrantCall, Review, ReviewAssignment, RubricCriterion)
from youthcities.accounts.models import User
from youthcities.accounts.roles import REVIEWER
from youthcities.accounts.services import user_set_roles
from youthcities.network.cities.models import City

N = %(n)d
now = timezone.now()
with transaction.atomic():
    call = GrantCall.objects.create(
        slug="bench-ranking", title_en="Bench ranking", description_en="bench",
        opens_at=now - timezone.timedelta(days=90), closes_at=now - timezone.timedelta(days=30),
        currency="USD", max_amount=Decimal("5000"), reviewers_per_application=3,
    )
    for position in range(6):
        RubricCriterion.objects.create(call=call, name_en=f"Criterion {position}",
                                       weight=Decimal(1 + position %% 3), sort_order=position)
    reviewers = []
    for number in range(30):
        reviewer = User.objects.create_user(email=f"bench-reviewer{number}@example.org",
                                            password=None, display_name=f"Reviewer {number}")
        user_set_roles(user=reviewer, roles=[REVIEWER], actor=None)
        reviewers.append(reviewer)
    applicants = User.objects.bulk_create(
        [User(email=f"bench-applicant{i}@example.org", display_name=f"Group {i}", password="!")
         for i in range(N)], batch_size=2000)
    cities = list(City.objects.values_list("pk", flat=True))
    rng = random.Random(1)
    themes = ["hate_speech", "polarisation", "violent_extremism", "inclusion"]
    applications = Application.objects.bulk_create(
        [Application(call=call, applicant=a, status="submitted", reference=f"YB-{i:05d}",
                     title=f"Project {i}", city_id=cities[i %% len(cities)],
                     theme=themes[i %% 4], submitted_at=now) for i, a in enumerate(applicants)],
        batch_size=2000)
    BudgetLine.objects.bulk_create(
        [BudgetLine(application=a, description="Workshops", category="activities",
                    amount=Decimal(rng.randint(500, 5000))) for a in applications], batch_size=2000)
    assignments = ReviewAssignment.objects.bulk_create(
        [ReviewAssignment(application=a, call=call, reviewer=reviewers[(i * 3 + k) %% 30],
                          state="accepted")
         for i, a in enumerate(applications) for k in range(3)], batch_size=5000)
    Review.objects.bulk_create(
        [Review(assignment=s, call=call, application_id=s.application_id,
                reviewer_id=s.reviewer_id) for s in assignments], batch_size=5000)
    with connection.cursor() as cursor:
        # Scores from 1 to 5, each reviewer leaning a little (harsh or lenient) by their id.
        cursor.execute(
            '''INSERT INTO grants_criterionscore (review_id, criterion_id, score, comment)
               SELECT r.id, c.id,
                      LEAST(5, GREATEST(1, 1 + MOD(r.id * 7 + c.id * 13 + a.reviewer_id, 5)
                                           + MOD(a.reviewer_id, 3) - 1)), ''
               FROM grants_review r
               JOIN grants_reviewassignment a ON a.id = r.assignment_id
               JOIN grants_application app ON app.id = a.application_id
               CROSS JOIN grants_rubriccriterion c
               WHERE app.call_id = %%s AND c.call_id = %%s''', [call.pk, call.pk])
        cursor.execute(
            '''UPDATE grants_review r SET status = 'submitted', submitted_at = now(),
                      weighted_score = s.value
               FROM (SELECT cs.review_id, SUM(cs.score * c.weight) / SUM(c.weight) AS value
                     FROM grants_criterionscore cs
                     JOIN grants_rubriccriterion c ON c.id = cs.criterion_id
                     WHERE c.call_id = %%s GROUP BY cs.review_id) s
               WHERE r.id = s.review_id''', [call.pk])
        cursor.execute("ANALYZE")
print(json.dumps({"call": call.pk, "city": cities[0],
                  "scores": Review.objects.filter(assignment__application__call=call).count()}))
"""

SESSION = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from youthcities.accounts.models import User
user = User.objects.get(email="staff@example.org")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "youthcities.accounts.backends.RolePermissionBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(json.dumps({"cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"}))
"""

COUNT_QUERIES = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from youthcities.accounts.models import User
client = Client(HTTP_HOST="127.0.0.1", secure=True)
client.force_login(User.objects.get(email="staff@example.org"))
url = "/admin/grants/calls/%(call)d/ranking/"
client.get(url)
counts = []
for query in ["", "?order=spread", "?city=%(city)d&flagged=on"]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url + query)
    assert response.status_code == 200, response.status_code
    counts.append(len(queries))
import statistics, time
from grants.models import GrantCall
from grants.review.selectors import RankingFilters, _call_ranking
call = GrantCall.objects.get(pk=%(call)d)
uncached = []
for _ in range(15):  # the query itself, without the cache: what the first request pays
    started = time.perf_counter()
    _call_ranking(call, order="normalised", filters=RankingFilters(), limit=50, offset=0)
    uncached.append((time.perf_counter() - started) * 1000)
print(json.dumps({"counts": counts, "uncached_p50": statistics.median(uncached)}))
"""


def _timings(url: str, cookie: str) -> list[float]:
    timings = []
    for _ in range(REQUESTS):
        request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            body = response.read()
            if response.status != 200 or b"score-strip" not in body:
                raise RuntimeError(f"the ranking did not render: {response.status}")
        timings.append((time.perf_counter() - started) * 1000)
    return sorted(timings)


def _p95(timings: list[float]) -> float:
    return timings[int(len(timings) * 0.95) - 1]


def run(ctx) -> dict[str, float]:
    base, env = ctx["base"], ctx["env"]
    started = time.perf_counter()
    seeded = json.loads(django_script(env, SEED % {"n": APPLICATIONS}).strip().splitlines()[-1])
    log(f"ranking: seeded {APPLICATIONS} applications and {seeded['scores']} reviews "
        f"in {time.perf_counter() - started:.0f} s")  # fmt: skip
    cookie = json.loads(django_script(env, SESSION).strip().splitlines()[-1])["cookie"]
    url = f"{base}/admin/grants/calls/{seeded['call']}/ranking/"
    _timings(url, cookie)[:5]  # warm-up
    ranking = _timings(url, cookie)
    filtered = _timings(url + f"?city={seeded['city']}&order=spread", cookie)
    measured = json.loads(django_script(env, COUNT_QUERIES % seeded).strip().splitlines()[-1])
    counts = measured["counts"]
    log(
        f"ranking: median {statistics.median(ranking):.0f} ms, p95 {_p95(ranking):.0f} ms; "
        f"one city: median {statistics.median(filtered):.0f} ms; queries {counts}; "
        f"the query uncached: median {measured['uncached_p50']:.0f} ms"
    )
    return {
        "ranking_p95_ms": round(_p95(ranking), 1),
        "ranking_p50_ms": round(statistics.median(ranking), 1),
        "ranking_city_p50_ms": round(statistics.median(filtered), 1),
        "ranking_city_p95_ms": round(_p95(filtered), 1),
        "ranking_queries": max(counts),
        "ranking_uncached_query_p50_ms": round(measured["uncached_p50"], 1),
    }
