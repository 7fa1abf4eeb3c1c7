"""Hub search at scale: 250 cities and 2 000 published members' documents, each with a page of
extracted text, indexed for PostgreSQL full text, and a profile (three sections) for every city.
The search page (words found inside the documents, with their passages) and "Find cities working
on…" are requested over HTTP by a member and by an anonymous visitor, side by side with the bare
Django view in the same run (p50 and p95 of each). Queries are counted in-process for the same
search with few and with many hits: they must be the same, for both pages."""

import json
import statistics
import time
import urllib.request

from bench.harness import django_script, log

CITIES = 250
DOCUMENTS = 2_000
REQUESTS = 60
# The same search with 20 hits and with 2 000 hits costs the same queries. Times are reported
# beside the bare view, without a goal: the shared machine is too noisy for an absolute one.
GOALS = {"hub_search_queries_spread": ("<=", 0), "find_cities_queries_spread": ("<=", 0)}

SEED = """
import json, random
from django.db import transaction
from hub.models import MemberDocument
from hub.profiles.models import ProfileSection
from hub.services import document_reindex
from youthcities.accounts.models import User
from youthcities.network.cities.models import City

rng = random.Random(17)
WORDS = ("mentoring youth council safe spaces dialogue radio mural budget evaluation strategy "
         "neighbourhood volunteers school sport rumours refugees trust mayor").split()
with transaction.atomic():
    City.objects.bulk_create(
        [City(name=f"Bench city {i}", slug=f"bench-city-{i}", country="LB",
              region="middle_east") for i in range(%(cities)d)], batch_size=500)
    cities = list(City.objects.values_list("pk", flat=True))
    uploader = User.objects.get(email="municipal@example.org")
    documents = []
    for i in range(%(documents)d):
        text = " ".join(rng.choice(WORDS) for _ in range(400))
        if i %% 100 == 0:
            text += " twinning"  # a rare word: 20 documents
        documents.append(MemberDocument(
            uploaded_by=uploader, title=f"Local strategy {i}", summary="A plan for young people.",
            kind="strategy", themes=",inclusion,", city_id=cities[i %% len(cities)],
            language="en", visibility="members" if i %% 2 else "public", status="published",
            file="hub/bench.pdf", original_name="strategy.pdf", content_type="application/pdf",
            size=1000, text=text, text_status="extracted"))
    MemberDocument.objects.bulk_create(documents, batch_size=500)
    document_reindex(document_ids=list(MemberDocument.objects.values_list("pk", flat=True)))
    # A profile for every city: three sections, a rare word ("twinning") in 5 of them.
    THEMES = ["inclusion", "civic_participation", "hate_speech", "media_literacy"]
    sections = []
    bench_cities = City.objects.filter(slug__startswith="bench-city-").values_list("pk", flat=True)
    for n, city in enumerate(bench_cities):
        for kind in ("challenges", "approaches", "initiatives"):
            text = " ".join(rng.choice(WORDS) for _ in range(60))
            if kind == "initiatives" and n %% 50 == 0:
                text += " twinning"
            sections.append(ProfileSection(
                city_id=city, kind=kind, body_en=text, body_fr=text,
                themes="," + THEMES[n %% 4] + ",", members_only=kind == "challenges"))
    ProfileSection.objects.bulk_create(sections, batch_size=500)
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
print(json.dumps({"documents": MemberDocument.objects.count(), "cities": City.objects.count(),
                  "sections": ProfileSection.objects.count()}))
"""

SESSION = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from youthcities.accounts.models import User
user = User.objects.get(email="saida.officer@example.org")
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
client.force_login(User.objects.get(email="saida.officer@example.org"))
client.get("/en/hub/?q=mentoring")
counts = []
for query in ["?q=mentoring", "?q=twinning", "?q=mentoring+budget&theme=inclusion"]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/hub/" + query)
    assert response.status_code == 200, response.status_code
    counts.append(len(queries))
finding = []
for query in ["?q=mentoring", "?q=twinning", "?theme=inclusion&q=mentoring+budget"]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/hub/cities/" + query)
    assert response.status_code == 200, response.status_code
    finding.append(len(queries))
print(json.dumps({"counts": counts, "finding": finding}))
"""


def _timings(url: str, cookie: str = "", expect: bytes = b"") -> list[float]:
    timings = []
    for _ in range(REQUESTS):
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            body = response.read()
            if response.status != 200 or expect not in body:
                raise RuntimeError(f"{url} did not render: {response.status}")
        timings.append((time.perf_counter() - started) * 1000)
    return sorted(timings)


def _p95(timings: list[float]) -> float:
    return timings[int(len(timings) * 0.95) - 1]


def run(ctx) -> dict[str, float]:
    base, env = ctx["base"], ctx["env"]
    started = time.perf_counter()
    seeded = json.loads(
        django_script(env, SEED % {"cities": CITIES, "documents": DOCUMENTS})
        .strip()
        .splitlines()[-1]
    )
    log(
        f"hub: {seeded['cities']} cities, {seeded['documents']} documents, "
        f"{seeded['sections']} profile sections "
        f"in {time.perf_counter() - started:.0f} s"
    )
    cookie = json.loads(django_script(env, SESSION).strip().splitlines()[-1])["cookie"]
    search = f"{base}/en/hub/?q=mentoring+budget"
    _timings(search, cookie)[:5]  # warm-up
    member = _timings(search, cookie, b"<mark>")
    anonymous = _timings(search, expect=b"<mark>")
    find = f"{base}/en/hub/cities/?theme=inclusion&q=mentoring"
    _timings(find, cookie)[:5]  # warm-up
    find_member = _timings(find, cookie, b"Bench city")
    find_anonymous = _timings(find, expect=b"Bench city")
    bare = _timings(base + "/bench/bare/")
    measured = json.loads(django_script(env, COUNT_QUERIES).strip().splitlines()[-1])
    counts, finding = measured["counts"], measured["finding"]
    log(
        f"hub: member p50 {statistics.median(member):.0f} ms, p95 {_p95(member):.0f} ms; "
        f"anonymous p50 {statistics.median(anonymous):.0f} ms; "
        f"find cities member p50 {statistics.median(find_member):.0f} ms, "
        f"p95 {_p95(find_member):.0f} ms; "
        f"bare p50 {statistics.median(bare):.1f} ms; queries {counts}, find cities {finding}"
    )
    return {
        "hub_search_member_p50_ms": round(statistics.median(member), 1),
        "hub_search_member_p95_ms": round(_p95(member), 1),
        "hub_search_anonymous_p50_ms": round(statistics.median(anonymous), 1),
        "hub_search_anonymous_p95_ms": round(_p95(anonymous), 1),
        "hub_bare_p50_ms": round(statistics.median(bare), 2),
        "hub_bare_p95_ms": round(_p95(bare), 2),
        "hub_search_queries": max(counts),
        # "mentoring" (2 000 hits) against "twinning" (20 hits); the third adds a theme filter.
        "hub_search_queries_spread": abs(counts[0] - counts[1]),
        "hub_search_filtered_queries": counts[2],
        "find_cities_member_p50_ms": round(statistics.median(find_member), 1),
        "find_cities_member_p95_ms": round(_p95(find_member), 1),
        "find_cities_anonymous_p50_ms": round(statistics.median(find_anonymous), 1),
        "find_cities_anonymous_p95_ms": round(_p95(find_anonymous), 1),
        "find_cities_queries": max(finding),
        # "mentoring" (most cities) against "twinning" (5 cities); the third adds a theme.
        "find_cities_queries_spread": abs(finding[0] - finding[1]),
    }
