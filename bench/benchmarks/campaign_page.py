"""Requests/s of a published campaign page for an anonymous visitor against the bare Django view,
in alternating rounds in one run; and the page's weight before images (HTML, stylesheets and
scripts, uncompressed)."""

import re
import statistics

from bench.harness import fetch, log, wrk

ROUNDS = 5
GOAL = 0.9
MAX_KB = 150


def _first_campaign(base: str) -> str:
    status, html = fetch(base + "/en/campaigns/")
    if status != 200:
        raise RuntimeError("the campaign index did not render")
    match = re.search(r'<h2 class="card__title"><a href="(/[^"]+)"', html)
    if match is None:
        raise RuntimeError("no published campaign: did seed_demo run?")
    return match.group(1)


def _weight_kb(base: str, path: str, html: str) -> float:
    total = len(html.encode())
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', html)
    for asset in assets:
        _status, body = fetch(base + asset)
        total += len(body.encode())
    return total / 1024


def run(ctx) -> dict[str, float]:
    base = ctx["base"]
    path = _first_campaign(base)
    status, html = fetch(base + path)
    if status != 200 or 'class="campaign"' not in html:
        raise RuntimeError(f"the campaign page {path} did not render")
    weight = _weight_kb(base, path, html)
    wrk(base + path, seconds=2)  # warm-up: fills the page cache in both workers
    wrk(base + "/bench/bare/", seconds=2)
    campaign, bare = [], []
    for round_number in range(1, ROUNDS + 1):
        campaign.append(wrk(base + path))
        bare.append(wrk(base + "/bench/bare/"))
        log(
            f"campaign_page round {round_number}: "
            f"campaign {campaign[-1]['rps']:.0f}/s, bare {bare[-1]['rps']:.0f}/s"
        )
    campaign_rps = statistics.median(r["rps"] for r in campaign)
    bare_rps = statistics.median(r["rps"] for r in bare)
    return {
        "campaign_page_rps": round(campaign_rps, 1),
        "bare_rps": round(bare_rps, 1),
        "campaign_page_vs_bare": round(campaign_rps / bare_rps, 3),
        "campaign_page_p50_ms": round(statistics.median(r["p50_ms"] for r in campaign), 2),
        "campaign_page_kb": round(weight, 1),
    }


GOALS = {"campaign_page_vs_bare": (">=", GOAL), "campaign_page_kb": ("<=", MAX_KB)}
