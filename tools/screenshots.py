"""Screenshots of pages at phone and desktop widths, for looking at the portal as a user would.

    .venv/bin/python tools/screenshots.py http://127.0.0.1:8000 /en/ /ar/ ...
    LOGIN=minor@example.org .venv/bin/python tools/screenshots.py http://127.0.0.1:8000 /ar/my/
    LOGIN=staff@example.org .venv/bin/python tools/screenshots.py http://127.0.0.1:8000 /admin/

A privileged demo user is asked for a code: the demo's TOTP secret gives it.

Writes PNGs to var/screenshots/.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

WIDTHS = {"phone": (360, 780), "desktop": (1366, 900)}


def totp_code() -> str:
    """The code an authenticator app holding the demo's secret shows now."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    django.setup()
    from demo.content import DEMO_TOTP_SECRET
    from tests.support.browser import fresh_totp_code

    return fresh_totp_code(DEMO_TOTP_SECRET)


def main(base: str, paths: list[str]) -> None:
    out = Path("var/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for label, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            if os.environ.get("LOGIN"):
                page.goto(base + "/en/account/login/")
                page.fill("#id_login", os.environ["LOGIN"])
                page.fill("#id_password", os.environ.get("DEMO_PASSWORD", "youngcities-demo"))
                page.click("button[type=submit]")
                page.wait_for_load_state()
                if "/2fa/authenticate/" in page.url:
                    page.fill("#id_code", totp_code())
                    page.click("form.form button[type=submit]")
                    page.wait_for_load_state()
            for path in paths:
                page.goto(base + path)
                name = path.strip("/").replace("/", "_") or "root"
                if os.environ.get("LOGIN"):
                    name += "-" + os.environ["LOGIN"].split("@")[0]
                target = out / f"{name}-{label}.png"
                page.screenshot(path=str(target), full_page=True)
                # A page is never wider than the screen.
                wider = page.evaluate("document.documentElement.scrollWidth") - width
                print(target, f"(WIDER THAN THE SCREEN by {wider}px)" if wider > 0 else "")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
