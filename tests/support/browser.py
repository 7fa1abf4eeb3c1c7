"""Browser fixtures (Playwright + Debian Chromium, axe)."""
