"""Requests/s of the home page for an anonymous visitor against a bare Django view that returns
a short HTML string, measured in alternating rounds in one run."""

from bench.harness import against_bare, fetch

GOAL = 0.9


def run(ctx) -> dict[str, float]:
    base = ctx["base"]
    status, html = fetch(base + "/en/")
    if status != 200 or 'lang="en"' not in html or "Young Cities" not in html:
        raise RuntimeError("the home page did not render")
    return against_bare(base, "/en/", "home_page")


GOALS = {"home_page_vs_bare": (">=", GOAL)}
