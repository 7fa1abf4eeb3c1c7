"""/healthz: the public check is cheap and writes nothing; the deep check, which stores and reads
back a file and a cache entry, needs the HEALTHZ_TOKEN."""

import pytest
from django.core.cache import caches
from django.core.files.storage import storages

pytestmark = pytest.mark.django_db
ALL_OK = {"database": "ok", "cache": "ok", "storage": "ok"}


@pytest.fixture
def writes(monkeypatch):
    """Every write /healthz makes to storage or the cache."""
    seen = []
    storage, cache = storages["private"], caches["default"]
    for target, name in [(storage, "save"), (storage, "delete"), (cache, "set"), (cache, "add")]:
        original = getattr(target, name)

        def spy(*args, _original=original, _name=name, **kwargs):
            seen.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(target, name, spy)
    return seen


def test_healthz_reports_every_part_ok(client, writes):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": ALL_OK, "failing": []}
    assert writes == []  # a public call writes nothing


def test_healthz_names_the_failing_part(client, monkeypatch):
    def broken(name):
        raise OSError("bucket unreachable")

    monkeypatch.setattr(storages["private"], "exists", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["storage"]


def test_the_deep_check_writes_and_reads_back_with_the_token(client, settings, writes):
    settings.HEALTHZ_TOKEN = "s3cret-token"
    response = client.get("/healthz?deep=1", headers={"X-Healthz-Token": "s3cret-token"})
    assert response.status_code == 200
    assert response.json()["checks"] == ALL_OK
    assert "save" in writes and "set" in writes


@pytest.mark.parametrize(
    "configured, sent", [("s3cret-token", "wrong"), ("s3cret-token", None), ("", "")]
)
def test_the_deep_check_needs_the_token(client, settings, writes, configured, sent):
    settings.HEALTHZ_TOKEN = configured
    headers = {} if sent is None else {"X-Healthz-Token": sent}
    response = client.get("/healthz?deep=1", headers=headers)
    assert response.status_code == 403
    assert writes == []


def test_the_favicon_is_served(client):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")
    assert finders.find("favicon.ico")


def test_the_home_page_title_names_the_portal_once(client, demo):
    for language, name in (("en", "Young Cities"), ("ar", "مدن شابة")):
        page = client.get(f"/{language}/").content.decode()
        title = page[page.index("<title>") + 7 : page.index("</title>")]
        assert title.strip() == name
