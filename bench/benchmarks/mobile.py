"""A slow phone: Debian's Chromium, driven by Playwright, with the network emulated through the
DevTools protocol at 400 kbit/s each way and 400 ms round trip, and the CPU slowed 4×. It loads
every public page type (home, campaigns list, a campaign, a call, a city, a workshop, the hub's
search) in English and Arabic, each in a fresh context (nothing cached), and reads from the page
itself: first contentful paint, largest contentful paint, and the bytes transferred before images
(the document, stylesheets, scripts and fonts; images excluded).

Goals: `mobile_kb_max` ≤ 40 KB before images on every page, `mobile_lcp_ms_max` ≤ 3 000 ms."""

import re
from pathlib import Path

from bench.harness import fetch, log

CHROMIUM = "/usr/bin/chromium"
KBIT = 400
RTT_MS = 400
CPU_SLOWDOWN = 4
GOALS = {"mobile_kb_max": ("<=", 40), "mobile_lcp_ms_max": ("<=", 3000)}

MEASURE = """() => new Promise(resolve => {
  const done = () => {
    let lcp = 0;
    new PerformanceObserver(list => {
      for (const entry of list.getEntries()) lcp = Math.max(lcp, entry.startTime);
    }).observe({type: "largest-contentful-paint", buffered: true});
    setTimeout(() => {
      const paint = performance.getEntriesByType("paint")
        .find(e => e.name === "first-contentful-paint");
      const nav = performance.getEntriesByType("navigation")[0];
      let bytes = nav.transferSize, images = 0;
      for (const r of performance.getEntriesByType("resource")) {
        const image = ["img", "image"].includes(r.initiatorType)
          || /\\.(png|jpe?g|webp|avif|gif|svg)(\\?|$)/i.test(r.name);
        if (image) images += r.transferSize; else bytes += r.transferSize;
      }
      resolve({fcp: paint ? paint.startTime : 0, lcp: lcp || (paint ? paint.startTime : 0),
               bytes, images});
    }, 300);
  };
  if (document.readyState === "complete") done(); else addEventListener("load", done);
})"""


def _first_link(base: str, listing: str, pattern: str) -> str | None:
    status, html = fetch(base + listing)
    match = re.search(pattern, html) if status == 200 else None
    return match.group(1) if match else None


def _pages(base: str) -> dict[str, str]:
    """The English path of each public page type, found by following the site's own links."""
    pages = {
        "home": "/en/",
        "campaigns": "/en/campaigns/",
        "campaign": _first_link(base, "/en/campaigns/", r'card__title"><a href="(/en/[^"]+)"'),
        "call": _first_link(base, "/en/grants/", r'href="(/en/grants/[a-z0-9-]+/)"'),
        "workshop": _first_link(base, "/en/workshops/", r'href="(/en/workshops/[a-z0-9-]+/)"'),
        "hub_search": "/en/hub/?q=youth",
    }
    city = r'href="(/en/cities/[^"/]+/)"'
    pages["city"] = _first_link(base, pages["workshop"] or "/en/workshops/", city)
    missing = [name for name, path in pages.items() if path is None]
    if missing:
        raise RuntimeError(f"no link found to: {', '.join(missing)}")
    return pages


def _arabic(base: str, path: str) -> str:
    """The Arabic version: the language switcher's link, else the same path under /ar/."""
    _status, html = fetch(base + path)
    match = re.search(r'<a href="([^"]+)" hreflang="ar"', html)
    if match:
        return re.sub(r"^https?://[^/]+", "", match.group(1))
    return "/ar/" + path.removeprefix("/en/")


def _load(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": RTT_MS,
            "downloadThroughput": KBIT * 1000 / 8,
            "uploadThroughput": KBIT * 1000 / 8,
        },
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    try:
        response = page.goto(url, wait_until="load", timeout=120_000)
        if response is None or response.status != 200:
            raise RuntimeError(f"{url} answered {response and response.status}")
        return page.evaluate(MEASURE)
    finally:
        context.close()


def run(ctx) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    base = ctx["base"]
    if not Path(CHROMIUM).exists():
        raise RuntimeError("Chromium is missing: apt-get install chromium")
    pages = _pages(base)
    out, lcps, kbs = {}, [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )  # fmt: skip
        try:
            for name, path in pages.items():
                for language, url in (("en", path), ("ar", _arabic(base, path))):
                    measured = _load(browser, base + url)
                    kb = measured["bytes"] / 1024
                    out[f"mobile_{name}_{language}_fcp_ms"] = round(measured["fcp"])
                    out[f"mobile_{name}_{language}_lcp_ms"] = round(measured["lcp"])
                    out[f"mobile_{name}_{language}_kb"] = round(kb, 1)
                    lcps.append(measured["lcp"])
                    kbs.append(kb)
                    log(
                        f"mobile {name} {language} {url}: FCP {measured['fcp']:.0f} ms, "
                        f"LCP {measured['lcp']:.0f} ms, {kb:.1f} KB before images, "
                        f"{measured['images'] / 1024:.1f} KB of images"
                    )
        finally:
            browser.close()
    return {
        "mobile_lcp_ms_max": round(max(lcps)),
        "mobile_kb_max": round(max(kbs), 1),
        **out,
    }
