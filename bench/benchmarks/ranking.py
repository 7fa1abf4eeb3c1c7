"""The staff ranking of a call as it grows: 1 000, then 10 000, then 100 000 applications, each
with 3 reviews × 6 criteria, seeded in bulk on PostgreSQL (one call, grown in place). At each size
the ranking page (50 rows) is requested over HTTP by a programme staff member in rounds
alternating with the bare view requested by the same client, both as staff see it between
changes (the ranking is cached per version of the call) and as the first request after a change
pays it (the query itself, uncached, timed in-process); queries are counted in-process.

`ranking_growth_100k_vs_10k` is the first-request-after-a-change time at 100 000 over the same
at 10 000 (goal ≤ 2: the page reads the maintained score table, grants/review/scores.py, in index
order; the seeding fills it with the services' own refresh, for the whole call);
`ranking_page_growth_100k_vs_10k` the same for the page as served between changes.
BENCH_RANKING_SIZES (e.g. "1000,10000") runs smaller sizes when time is short."""

import json
import os
import time
import urllib.request

from bench.harness import bare_sequential, django_script, log, paired, summarise

SIZES = [int(n) for n in os.environ.get("BENCH_RANKING_SIZES", "1000,10000,100000").split(",")]
REQUESTS = 12  # per round
UNCACHED = 7  # timings of the query itself at each size
GOALS = {
    "ranking_growth_100k_vs_10k": ("<=", 2),
    "ranking_page_growth_100k_vs_10k": ("<=", 2),
    "ranking_queries_growth": ("<=", 0),
}

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

START, N = %(start)d, %(n)d
now = timezone.now()
with transaction.atomic():
    call = GrantCall.objects.filter(slug="bench-ranking").first()
    if call is None:
        call = GrantCall.objects.create(
            slug="bench-ranking", title_en="Bench ranking", description_en="bench",
            opens_at=now - timezone.timedelta(days=90),
            closes_at=now - timezone.timedelta(days=30),
            currency="USD", max_amount=Decimal("5000"), reviewers_per_application=3,
        )
        for position in range(6):
            RubricCriterion.objects.create(call=call, name_en=f"Criterion {position}",
                                           weight=Decimal(1 + position %% 3), sort_order=position)
        for number in range(30):
            reviewer = User.objects.create_user(email=f"bench-reviewer{number}@example.org",
                                                password=None, display_name=f"Reviewer {number}")
            user_set_roles(user=reviewer, roles=[REVIEWER], actor=None)
    reviewers = list(User.objects.filter(email__startswith="bench-reviewer").order_by("pk"))
    applicants = User.objects.bulk_create(
        [User(email=f"bench-applicant{i}@example.org", display_name=f"Group {i}", password="!")
         for i in range(START, N)], batch_size=2000)
    cities = list(City.objects.values_list("pk", flat=True))
    rng = random.Random(1)
    themes = ["hate_speech", "polarisation", "violent_extremism", "inclusion"]
    applications = Application.objects.bulk_create(
        [Application(call=call, applicant=a, status="submitted", reference=f"YB-{i:06d}",
                     title=f"Project {i}", city_id=cities[i %% len(cities)],
                     theme=themes[i %% 4], submitted_at=now)
         for i, a in enumerate(applicants, START)],
        batch_size=2000)
    BudgetLine.objects.bulk_create(
        [BudgetLine(application=a, description="Workshops", category="activities",
                    amount=Decimal(rng.randint(500, 5000))) for a in applications], batch_size=2000)
    assignments = ReviewAssignment.objects.bulk_create(
        [ReviewAssignment(application=a, call=call, reviewer=reviewers[(i * 3 + k) %% 30],
                          state="accepted")
         for i, a in enumerate(applications, START) for k in range(3)], batch_size=5000)
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
               WHERE app.call_id = %%s AND c.call_id = %%s AND r.submitted_at IS NULL''',
            [call.pk, call.pk])
        cursor.execute(
            '''UPDATE grants_review r SET status = 'submitted', submitted_at = now(),
                      weighted_score = s.value
               FROM (SELECT cs.review_id, SUM(cs.score * c.weight) / SUM(c.weight) AS value
                     FROM grants_criterionscore cs
                     JOIN grants_rubriccriterion c ON c.id = cs.criterion_id
                     WHERE c.call_id = %%s GROUP BY cs.review_id) s
               WHERE r.id = s.review_id AND r.submitted_at IS NULL''', [call.pk])
    # The bulk inserts bypassed the services: the score table is filled the way production
    # fills it after a change of every review (a rubric change), by the one refresh, for the
    # whole call; the cached ranking of the smaller size is not served either.
    from grants.calls.services import ranking_touch
    ranking_touch(call.pk, whole=True)
with connection.cursor() as cursor:
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
for _ in range(%(uncached)d):  # the query itself, without the cache: what the first request pays
    started = time.perf_counter()
    _call_ranking(call, order="normalised", filters=RankingFilters(), limit=50, offset=0)
    uncached.append((time.perf_counter() - started) * 1000)
print(json.dumps({"counts": counts, "uncached_p50": statistics.median(uncached),
                  "uncached_p95": max(uncached)}))
"""


def _page(url: str, cookie: str):
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310

    def one():
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            body = response.read()
            if response.status != 200 or b"score-strip" not in body:
                raise RuntimeError(f"the ranking did not render: {response.status}")

    return one


def _timed_page(url: str, cookie: str) -> dict:
    one = _page(url, cookie)
    timings = []
    started = time.perf_counter()
    for _ in range(REQUESTS):
        begun = time.perf_counter()
        one()
        timings.append((time.perf_counter() - begun) * 1000)
    return summarise(timings, time.perf_counter() - started)


def _size(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def run(ctx) -> dict[str, float]:
    base, env = ctx["base"], ctx["env"]
    cookie = json.loads(django_script(env, SESSION).strip().splitlines()[-1])["cookie"]
    opener = urllib.request.build_opener()
    opener.addheaders = [("Cookie", cookie)]
    out, first_request, page, queries = {}, {}, {}, {}
    seeded_to = 0
    for size in SIZES:
        started = time.perf_counter()
        code = SEED % {"start": seeded_to, "n": size}
        seeded = json.loads(django_script(env, code).strip().splitlines()[-1])
        seeded_to = size
        log(f"ranking: {size} applications, {seeded['scores']} reviews, seeded in "
            f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        url = f"{base}/admin/grants/calls/{seeded['call']}/ranking/"
        _page(url, cookie)()  # the first request after the change fills the cache
        label = f"ranking_{_size(size)}"
        figures = paired(
            label,
            lambda url=url: _timed_page(url, cookie),
            lambda: bare_sequential(base, REQUESTS, opener),
            log_each=False,
        )
        measured = json.loads(
            django_script(env, COUNT_QUERIES % {**seeded, "uncached": UNCACHED})
            .strip().splitlines()[-1]
        )  # fmt: skip
        queries[size] = max(measured["counts"])
        first_request[size] = measured["uncached_p50"]
        page[size] = figures[f"{label}_p50_ms"]
        log(
            f"ranking at {size}: page p50 {page[size]:.1f} ms "
            f"({figures[f'{label}_p50_vs_bare']}× bare), p95 {figures[f'{label}_p95_ms']:.1f} ms; "
            f"queries {measured['counts']}; query uncached p50 {first_request[size]:.0f} ms"
        )
        out.update(
            {
                f"{label}_p50_ms": page[size],
                f"{label}_p95_ms": figures[f"{label}_p95_ms"],
                f"{label}_p50_vs_bare": figures[f"{label}_p50_vs_bare"],
                f"{label}_p95_vs_bare": figures[f"{label}_p95_vs_bare"],
                f"{label}_uncached_ms": round(first_request[size], 1),
                f"{label}_queries": queries[size],
            }
        )
    if len(SIZES) >= 2:
        big, small = SIZES[-1], SIZES[-2]
        growth = first_request[big] / first_request[small]
        key = "ranking_growth_100k_vs_10k" if (big, small) == (100_000, 10_000) else (
            f"ranking_growth_{_size(big)}_vs_{_size(small)}")  # fmt: skip
        out[key] = round(growth, 2)
        out[key.replace("ranking_", "ranking_page_")] = round(page[big] / page[small], 2)
    out["ranking_queries"] = max(queries.values())
    out["ranking_queries_growth"] = max(queries.values()) - min(queries.values())
    return out
