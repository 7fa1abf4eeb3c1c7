"""The deadline rush, with locust headless (bench/locust_deadline.py) against gunicorn on
PostgreSQL with Redis as the cache and SeaweedFS for the uploaded files, behind a load balancer
on loopback that stamps each request with the moment it arrived (tests/support/cluster.py's
RoundRobinProxy, as production's does: README, "Production sketch").

A call of its own closes DEADLINE_AFTER seconds after the load starts. 300 applicants, each with a
draft and a session prepared in bulk, arrive over RAMP seconds (60); each fills the steps,
uploads a small PDF to the documents step (S3), then keeps saving the project step with no pause
until their own moment, spread ± SPREAD seconds around the deadline, and presses Submit once.
50 anonymous readers read the campaign and call pages meanwhile. In a second phase of the same
run, the same users (the applicants with their sessions, the readers anonymous) request the bare
Django view with no pause, through the same load balancer and server (2 gunicorn workers per
core, as production runs): the yardstick.

Figures: step saves/s and their p50/p95 in the STEADY seconds before the first submissions (every
applicant has arrived and the server is saturated), each with its ratio to the bare view's in
its phase (`deadline_save_vs_bare`, goal ≥ 0.4; `deadline_p95_vs_bare`, goal ≤ 10);
`deadline_save_vs_bare_anonymous` compares with the cheapest request of all, the bare view for
nobody signed in (informational). Checks, counted from the database afterwards:
`deadline_server_errors` (5xx answers), `deadline_lost_drafts` (a draft whose last acknowledged
project title is not the one stored), `deadline_duplicate_submissions` (an application submitted
more than once), `deadline_late_accepted` (accepted after the deadline), `deadline_ontime_refused`
(refused although sent more than a second before it) and `deadline_refused_without_message`;
every goal on them is 0. BENCH_DEADLINE_USERS and BENCH_DEADLINE_RAMP shrink the run when time is
short."""

import contextlib
import csv
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench.harness import PYTHON, ROOT, django_script, gunicorn, log
from tests.support.cluster import RoundRobinProxy, start_s3, upload_var_files

APPLICANTS = int(os.environ.get("BENCH_DEADLINE_USERS", "300"))
READERS = 50
RAMP = int(os.environ.get("BENCH_DEADLINE_RAMP", "60"))
SPREAD = 15
SETTLE = 10  # seconds after the last arrival: every applicant has filled in and saves
STEADY = 20  # seconds of saving only, measured, before the first submissions
DEADLINE_AFTER = RAMP + SETTLE + STEADY + SPREAD  # seconds after the load starts
RUN = DEADLINE_AFTER + SPREAD + 45
BARE_SECONDS = 20
BARE_SETTLE = 4  # seconds of the yardstick phase left out while its users start
LOCUST_LOG = ROOT / "var" / "bench-deadline-locust.log"  # locust's own summary and errors
GOALS = {
    "deadline_save_vs_bare": (">=", 0.4),
    "deadline_p95_vs_bare": ("<=", 10),
    "deadline_server_errors": ("<=", 0),
    "deadline_lost_drafts": ("<=", 0),
    "deadline_duplicate_submissions": ("<=", 0),
    "deadline_late_accepted": ("<=", 0),
    "deadline_ontime_refused": ("<=", 0),
    "deadline_refused_without_message": ("<=", 0),
}

SEED = """
import json, datetime
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from grants.applications.services import application_draft_for
from grants.models import GrantCall
from youthcities.accounts.models import User
from youthcities.accounts.roles import APPLICANT
from campaigns.models import CampaignPage

N, DEADLINE = %(n)d, %(deadline)f
from grants.applications.models import Application
Application.objects.filter(call__slug="deadline-rush").delete()  # an earlier run's (BENCH_REUSE)
User.objects.filter(email__regex=r"^rush[0-9]+@example.org$").delete()
template = GrantCall.objects.get(slug="local-innovation-grants-2027")
from youthcities.network.cities.models import City
cities = list(template.cities.all())  # none: open to every city
city = (cities or list(City.objects.order_by("pk")[:1]))[0]
call = GrantCall.objects.filter(slug="deadline-rush").first()
if call is None:
    call = GrantCall.objects.get(pk=template.pk)
    call.pk = None
    call.id = None
    call.slug = "deadline-rush"
    call.title_en = "Deadline rush"
call.opens_at = timezone.now() - datetime.timedelta(days=30)
call.closes_at = datetime.datetime.fromtimestamp(DEADLINE, tz=datetime.UTC)
call.save()
call.cities.set(cities)
today = timezone.localdate()
users = User.objects.bulk_create([
    User(email=f"rush{i}@example.org", display_name=f"Rush {i}", password="!",
         date_of_birth=today.replace(year=today.year - 22, day=1), country="LB", city="Saida",
         preferred_language="en")
    for i in range(N)], batch_size=1000)
EmailAddress.objects.bulk_create(
    [EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in users])
Group.objects.get(name=APPLICANT).user_set.add(*users)
drafts = []
for user in users:
    draft = application_draft_for(call=call, applicant=user)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "youthcities.accounts.backends.RolePermissionBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    drafts.append({"pk": draft.pk, "cookie": session.session_key,
                   "cookie_name": settings.SESSION_COOKIE_NAME, "city": str(city.pk)})
campaign = CampaignPage.objects.live().filter(locale__language_code="en").first()
print(json.dumps({"call": call.slug, "currency": call.currency, "deadline": DEADLINE,
                  "campaign": campaign.url, "drafts": drafts}))
"""

CHECK = """
import json
from django.db.models import Count
from grants.applications.models import Application
from youthcities.audit.models import AuditEntry
apps = Application.objects.filter(call__slug="deadline-rush")
ids = [str(pk) for pk in apps.values_list("pk", flat=True)]
submitted = AuditEntry.objects.filter(action="application.submitted", target_id__in=ids
                                      ).values("target_id").annotate(n=Count("id"))
print(json.dumps({
    "rows": {a.pk: [a.status, a.submitted_at.timestamp() if a.submitted_at else None, a.title]
             for a in apps},
    "closes_at": apps.first().call.closes_at.timestamp(),
    "submitted_twice": sum(1 for s in submitted if s["n"] > 1),
}))
"""


def _locust(base, env, data_path, out_path, csv_prefix, classes, users, rate, seconds) -> None:
    run_env = {
        **env,
        "DEADLINE_DATA": str(data_path),
        "DEADLINE_OUT": str(out_path),
        "DEADLINE_APPLICANTS": str(APPLICANTS),
        "DEADLINE_READERS": str(READERS),
        "DEADLINE_SPREAD": str(SPREAD),
    }
    subprocess.run(  # noqa: S603
        [PYTHON, "-m", "locust", "-f", str(ROOT / "bench" / "locust_deadline.py"), "--headless",
         "--host", base, "-u", str(users), "-r", str(rate), "-t", f"{seconds}s",
         "--csv", str(csv_prefix), "--only-summary", "--loglevel", "WARNING",
         "--exit-code-on-error", "0", *classes],
        cwd=ROOT, env=run_env, check=True, timeout=seconds + 120,
        stdout=LOCUST_LOG.open("a"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def _drain(base: str, seconds: float = 120) -> None:
    import urllib.request

    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        started = time.perf_counter()
        urllib.request.urlopen(base + "/bench/bare/", timeout=seconds).read()  # noqa: S310
        if time.perf_counter() - started < 0.2:
            return
        time.sleep(1)


def _stats(csv_prefix) -> dict[str, dict]:
    with open(f"{csv_prefix}_stats.csv") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def run(ctx) -> dict[str, float]:
    env = ctx["env"]
    if "REDIS_URL" not in env:
        raise RuntimeError("the deadline rush needs Redis on 127.0.0.1:6379")
    with tempfile.TemporaryDirectory(prefix="yc-deadline-") as workdir:
        work = Path(workdir)
        s3_process, s3 = start_s3(work)
        try:
            upload_var_files(s3, Path(env["VAR_DIR"]))
            return _run(env, work, s3)
        finally:
            s3_process.terminate()
            s3_process.wait(timeout=20)


def _run(env, work: Path, s3) -> dict[str, float]:
    rush_env = {
        **env,
        "S3_ENDPOINT_URL": s3.endpoint_url,
        "S3_ACCESS_KEY_ID": s3.access_key,
        "S3_SECRET_ACCESS_KEY": s3.secret_key,
        "S3_MEDIA_BUCKET": s3.media_bucket,
        "S3_PRIVATE_BUCKET": s3.private_bucket,
        "REQUEST_START_HEADER": "X-Request-Start",  # the load balancer's stamp, believed
    }
    LOCUST_LOG.parent.mkdir(exist_ok=True)
    LOCUST_LOG.write_text("")
    started = time.perf_counter()
    # The deadline is set once the drafts are ready: seeding first, with a provisional one.
    data = json.loads(
        django_script(rush_env, SEED % {"n": APPLICANTS, "deadline": time.time() + 3600})
        .strip().splitlines()[-1]
    )  # fmt: skip
    log(f"deadline: {APPLICANTS} drafts and sessions in {time.perf_counter() - started:.0f} s")
    # As production runs it (README, "Production sketch"): 2 workers per core. The yardstick
    # phase below is served by the same server.
    workers = 2 * (os.cpu_count() or 1)
    with gunicorn(rush_env, workers=workers) as server, _balancer(server) as base:
        deadline = time.time() + DEADLINE_AFTER + 5  # locust takes a few seconds to start
        django_script(
            rush_env,
            "import datetime\nfrom grants.models import GrantCall\n"
            "GrantCall.objects.filter(slug='deadline-rush').update(closes_at="
            f"datetime.datetime.fromtimestamp({deadline}, tz=datetime.UTC))",
        )
        data["deadline"] = deadline
        data_path = work / "data.json"
        data_path.write_text(json.dumps(data))
        out_path = work / "out.json"
        rate = round((APPLICANTS + READERS) / RAMP, 2)
        log(f"deadline: {APPLICANTS} applicants and {READERS} readers over {RAMP} s, "
            f"the call closes {DEADLINE_AFTER + 5} s from now")  # fmt: skip
        _locust(base, rush_env, data_path, out_path, work / "rush", ["Applicant", "Reader"],
                APPLICANTS + READERS, rate, RUN)  # fmt: skip
        # The yardstick the same way as the rush: as many users, none waiting.
        users = APPLICANTS + READERS
        for name, user_class in (("bare", "Bare"), ("bare-anonymous", "BareAnonymous")):
            # Requests locust gave up on at the end of a phase are still queued in gunicorn:
            # let them drain, or the yardstick would measure the phase before.
            _drain(server)
            _locust(base, rush_env, data_path, work / f"{name}.json", work / name, [user_class],
                    users, users, BARE_SECONDS)  # fmt: skip
    rush = _stats(work / "rush")
    outcome = json.loads(out_path.read_text())
    checked = json.loads(django_script(rush_env, CHECK).strip().splitlines()[-1])
    steady = _window(outcome["timed"], deadline - SPREAD - STEADY, deadline - SPREAD)
    bare, anonymous = (_yardstick(work / f"{name}.json") for name in ("bare", "bare-anonymous"))
    return _figures(rush, steady, bare, anonymous, outcome, checked)


def _yardstick(path: Path) -> dict[str, float]:
    timed = json.loads(path.read_text())["timed"]
    start = min(at for at, _ms in timed)
    return _window(timed, start + BARE_SETTLE, start + BARE_SECONDS - 1)


@contextlib.contextmanager
def _balancer(server: str):
    proxy = RoundRobinProxy([int(server.rsplit(":", 1)[1])])
    try:
        yield f"http://127.0.0.1:{proxy.port}"
    finally:
        proxy.close()


def _window(timed: list, start: float, end: float) -> dict[str, float]:
    """Requests answered per second between `start` and `end`, and their p50 and p95 (ms)."""
    times = sorted(ms for at, ms in timed if start <= at < end)
    if not times:
        return {"rps": 0.0, "p50": 0.0, "p95": 0.0, "count": 0}
    return {
        "rps": len(times) / (end - start),
        "p50": times[len(times) // 2],
        "p95": times[min(len(times) - 1, int(len(times) * 0.95))],
        "count": len(times),
    }


def _figures(rush, steady, bare, anonymous, outcome, checked) -> dict[str, float]:
    saves = [row for name, row in rush.items() if name.startswith("save ")]
    save_count = sum(int(row["Request Count"]) for row in saves)
    submit = rush.get("submit", {"Request Count": 0, "Requests/s": 0})
    closes_at = checked["closes_at"]
    rows = {int(pk): row for pk, row in checked["rows"].items()}
    outcomes = outcome["outcomes"]
    late_accepted = sum(1 for _s, at, _t in rows.values() if at is not None and at > closes_at)
    late_accepted += sum(
        1 for o in outcomes if o["outcome"] == "accepted" and o["sent"] > closes_at + 1
    )
    ontime_refused = sum(
        1 for o in outcomes if o["outcome"].startswith("refused") and o["sent"] < closes_at - 1
    )
    no_message = sum(1 for o in outcomes if o["outcome"].startswith("refused without"))
    lost = sum(
        1 for o in outcomes if o["title"] and rows.get(o["pk"], [None, None, None])[2] != o["title"]
    )
    accepted = sum(1 for o in outcomes if o["outcome"] == "accepted")
    refused = sum(1 for o in outcomes if o["outcome"].startswith("refused"))
    stored_submitted = sum(1 for status, at, _t in rows.values() if at is not None)
    duplicates = checked["submitted_twice"] + max(0, stored_submitted - accepted)
    bare_rps = bare["rps"] or 1
    log(
        f"deadline: {save_count} step saves, {steady['rps']:.1f}/s in the {STEADY} s before the "
        f"first submissions ({steady['count']}), bare view {bare['rps']:.0f}/s; {accepted} "
        f"accepted, {refused} refused, {len(outcomes)} of {APPLICANTS} finished; saves p50 "
        f"{steady['p50']:.0f} ms p95 {steady['p95']:.0f} ms, bare p50 {bare['p50']:.0f} p95 "
        f"{bare['p95']:.0f} ms; 5xx {outcome['server_errors']}"
    )
    return {
        "deadline_saves": save_count,
        "deadline_save_rps": round(steady["rps"], 2),
        "deadline_submissions": accepted,
        "deadline_refused_late": refused,
        "deadline_submit_rps": round(float(submit["Requests/s"]), 3),
        "deadline_bare_rps": round(bare["rps"], 1),
        "deadline_save_vs_bare": round(steady["rps"] / bare_rps, 3),
        "deadline_bare_anonymous_rps": round(anonymous["rps"], 1),
        "deadline_save_vs_bare_anonymous": round(steady["rps"] / (anonymous["rps"] or 1), 3),
        "deadline_save_p50_ms": round(steady["p50"]),
        "deadline_save_p95_ms": round(steady["p95"]),
        "deadline_p50_vs_bare": round(steady["p50"] / max(bare["p50"], 1), 2),
        "deadline_p95_vs_bare": round(steady["p95"] / max(bare["p95"], 1), 2),
        "deadline_finished": len(outcomes),
        "deadline_unfinished": APPLICANTS - len(outcomes),
        "deadline_server_errors": outcome["server_errors"],
        "deadline_lost_drafts": lost,
        "deadline_duplicate_submissions": duplicates,
        "deadline_late_accepted": late_accepted,
        "deadline_ontime_refused": ontime_refused,
        "deadline_refused_without_message": no_message,
    }
