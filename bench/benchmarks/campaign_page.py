"""Requests/s of a published campaign page for an anonymous visitor against the bare Django view,
in alternating rounds in one run; and the page's weight before images (HTML, stylesheets and
scripts, uncompressed)."""

import re

from bench.harness import against_bare, fetch

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
    return {**against_bare(base, path, "campaign_page"), "campaign_page_kb": round(weight, 1)}


GOALS = {"campaign_page_vs_bare": (">=", GOAL), "campaign_page_kb": ("<=", MAX_KB)}
