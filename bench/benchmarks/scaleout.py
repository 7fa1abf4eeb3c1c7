"""Two app servers against one: the same round-robin proxy on loopback (tests/support/cluster.py)
in front of one gunicorn server, then of two, each with 2 workers, on one PostgreSQL, Redis as the
cache and SeaweedFS for files. Measured through the proxy in alternating rounds: requests/s of a
published campaign page (wrk) and step saves/s of the application wizard (4 applicants saving in
parallel); `scaleout_throughput_ratio` is two-server over one-server on the campaign page,
`scaleout_save_ratio` on the saves.

On this machine (2 cores) both servers share the same CPUs with PostgreSQL, Redis and the load
generator: the ratio shows the overhead of a second server, not a gain (about 1, or a little
below). On separate machines the same figures measure the gain. The proxy is a small Python
program: both sides pay it alike."""

import re
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bench.benchmarks.wizard_step import CALL, MAKE_USER
from bench.harness import ROUNDS, django_script, log, ratios, wrk
from tests.support.cluster import Cluster, Visitor, start_s3, upload_var_files

APPLICANTS = 4
SECONDS = 4
GOALS = {"scaleout_throughput_ratio": (">=", 0.8), "scaleout_save_ratio": (">=", 0.8)}


def _campaign_path(visitor: Visitor) -> str:
    status, html, _ = visitor.get("/en/campaigns/")
    match = re.search(r'<h2 class="card__title"><a href="(/[^"]+)"', html)
    if status != 200 or match is None:
        raise RuntimeError("no published campaign: did seed_demo run?")
    return match.group(1)


def _applicants(cluster: Cluster, env) -> list[tuple[Visitor, str, str]]:
    people = []
    for number in range(APPLICANTS):
        email = f"bench-scaleout{number}@example.org"
        django_script(env, MAKE_USER.replace("bench@example.org", email))
        person = Visitor(cluster)
        person.log_in(email, "bench-password-123")
        _status, page, _ = person.get(f"/en/grants/{CALL}/apply/eligibility/")
        prefix = re.search(r'name="(application_\d+)-current_step"', page).group(1)
        city = re.search(r'<option value="(\d+)"', page).group(1)
        people.append((person, prefix, city))
    return people


def _saves(people, seconds: float) -> dict:
    """Every applicant saves the eligibility step again and again for `seconds`."""
    counts, timings, stop = [0] * len(people), [], time.monotonic() + seconds
    lock = threading.Lock()

    def one(index, person, prefix, city):
        version = None
        while time.monotonic() < stop:
            if version is None:
                _s, page, _ = person.get(f"/en/grants/{CALL}/apply/eligibility/")
                version = int(re.search(r'name="draft_version" value="(\d+)"', page).group(1))
            started = time.perf_counter()
            status, _body, _ = person.post(
                f"/en/grants/{CALL}/apply/eligibility/",
                {
                    f"{prefix}-current_step": "eligibility",
                    "draft_version": version,
                    "eligibility-city": city,
                    "eligibility-group_kind": "informal_group",
                    "eligibility-theme": "inclusion",
                },
            )
            if status != 302:
                raise RuntimeError(f"a step save answered {status}")
            with lock:
                timings.append((time.perf_counter() - started) * 1000)
            counts[index] += 1
            version += 1

    threads = [threading.Thread(target=one, args=(i, *p)) for i, p in enumerate(people)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    timings.sort()
    return {
        "rps": sum(counts) / elapsed,
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
    }


def _measure(servers: int, env, workdir: Path, s3) -> tuple[list, list]:
    cluster = Cluster(
        database_url=env["DATABASE_URL"],
        redis_url=env["REDIS_URL"],
        s3=s3,
        workdir=workdir / f"{servers}-servers",
        static_root=Path(env["VAR_DIR"]) / "static",
        servers=servers,
        workers=2,
        task_workers=1,
    )
    try:
        reader = Visitor(cluster)
        path = _campaign_path(reader)
        people = _applicants(cluster, env)
        wrk(cluster.base + path, seconds=2)  # warm-up: the page cache on every server
        pages, saves = [], []
        for _ in range(ROUNDS):
            pages.append(wrk(cluster.base + path, seconds=SECONDS, connections=8))
            saves.append(_saves(people, SECONDS))
        return pages, saves
    finally:
        cluster.stop()


def run(ctx) -> dict[str, float]:
    env = ctx["env"]
    if "REDIS_URL" not in env:
        raise RuntimeError("the scale-out benchmark needs Redis on 127.0.0.1:6379")
    with tempfile.TemporaryDirectory(prefix="yc-scaleout-") as workdir:
        process, s3 = start_s3(Path(workdir))
        try:
            upload_var_files(s3, Path(env["VAR_DIR"]))
            one_pages, one_saves = _measure(1, env, Path(workdir), s3)
            two_pages, two_saves = _measure(2, env, Path(workdir), s3)
        finally:
            process.terminate()
            process.wait(timeout=20)
    page = ratios("scaleout_page", two_pages, one_pages)
    save = ratios("scaleout_save", two_saves, one_saves)
    log(
        f"scaleout: campaign page {page['scaleout_page_bare_rps']:.0f}/s on one server, "
        f"{page['scaleout_page_rps']:.0f}/s on two; step saves {save['scaleout_save_bare_rps']:.1f}"
        f"/s on one, {save['scaleout_save_rps']:.1f}/s on two"
    )
    return {
        "scaleout_page_one_server_rps": page["scaleout_page_bare_rps"],
        "scaleout_page_two_servers_rps": page["scaleout_page_rps"],
        "scaleout_throughput_ratio": page["scaleout_page_vs_bare"],
        "scaleout_page_p95_ratio": page["scaleout_page_p95_vs_bare"],
        "scaleout_save_one_server_rps": save["scaleout_save_bare_rps"],
        "scaleout_save_two_servers_rps": save["scaleout_save_rps"],
        "scaleout_save_ratio": save["scaleout_save_vs_bare"],
        "scaleout_save_p95_ratio": save["scaleout_save_p95_vs_bare"],
    }
