"""Requests/s of the home page for an anonymous visitor against a bare Django view that returns
a short HTML string, measured in alternating rounds in one run."""

import statistics

from bench.harness import fetch, log, wrk

ROUNDS = 5
GOAL = 0.9


def run(ctx) -> dict[str, float]:
    base = ctx["base"]
    status, html = fetch(base + "/en/")
    if status != 200 or 'lang="en"' not in html or "Young Cities" not in html:
        raise RuntimeError("the home page did not render")
    wrk(base + "/en/", seconds=2)  # warm-up: fills the page cache in both workers
    wrk(base + "/bench/bare/", seconds=2)
    home, bare = [], []
    for round_number in range(1, ROUNDS + 1):
        home.append(wrk(base + "/en/"))
        bare.append(wrk(base + "/bench/bare/"))
        log(
            f"home_page round {round_number}: "
            f"home {home[-1]['rps']:.0f}/s, bare {bare[-1]['rps']:.0f}/s"
        )
    home_rps = statistics.median(r["rps"] for r in home)
    bare_rps = statistics.median(r["rps"] for r in bare)
    return {
        "home_page_rps": round(home_rps, 1),
        "bare_rps": round(bare_rps, 1),
        "home_page_vs_bare": round(home_rps / bare_rps, 3),
        "home_page_p50_ms": round(statistics.median(r["p50_ms"] for r in home), 2),
        "bare_p50_ms": round(statistics.median(r["p50_ms"] for r in bare), 2),
    }


GOALS = {"home_page_vs_bare": (">=", GOAL)}
