"""The portal on more than one app server: two gunicorn servers behind a round-robin proxy, two
db_workers, one PostgreSQL, Redis as the cache, S3 for files (tests/support/cluster.py). What a
person does through one server holds on the other at once; nothing lives in one process's memory
or on one server's disk."""

import re
import time

import pytest
from django.core import signing
from django.core.cache import caches
from django.db import connection

from campaigns.forms import STARTED_SALT
from campaigns.models import CampaignPage
from grants.applications.models import Application, Attachment
from grants.models import GrantCall
from tests.factories.accounts import PASSWORD, UserFactory
from tests.support.cluster import SECRET_KEY, Cluster, Visitor, database_url_of
from youthcities.accounts.roles import ACTIVIST
from youthcities.accounts.services import user_set_roles

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres, pytest.mark.s3]

A, B = Cluster.A, Cluster.B
CALL = "local-innovation-grants-2027"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def shared_cache(settings, redis_server):
    """This test process uses the servers' Redis too: a change made here (a role removed, a page
    published) reaches them only through what every process shares."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server,
            "KEY_PREFIX": "pages",
        },
    }
    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 1  # as in production
    caches["default"].clear()  # one Redis database: both aliases, every earlier test's keys
    return redis_server


@pytest.fixture
def cluster(postgres, s3_storages, demo, shared_cache, collected_static, tmp_path, settings):
    """After the demo: it loads into the local-memory caches every test starts with. People made
    here log in there: their passwords hashed as production hashes them, not as tests do."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    started = Cluster(
        database_url=database_url_of(connection),
        redis_url=shared_cache,
        s3=s3_storages,
        workdir=tmp_path,
        static_root=collected_static,
    )
    yield started
    started.stop()


def _human_form(**fields) -> dict:
    """A campaign form as a person sends it, signed with the servers' key."""
    started = signing.dumps(time.time() - 60, key=SECRET_KEY, salt=STARTED_SALT)
    return {"website": "", "started": started, **fields}


def _eventually(check, seconds: float = 10) -> bool:
    """Another server reads the shared page generation at most every second (production's
    PAGE_CACHE_GENERATION_CHECK_SECONDS); poll, bounded."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_two_servers_share_drafts_rate_limits_roles_pages_and_files(cluster):
    call = GrantCall.objects.get(slug=CALL)

    # A draft saved through A, with a PDF on S3, resumes on B.
    applicant = UserFactory(email="scaleout@example.org")
    person = Visitor(cluster)
    person.log_in(applicant.email, PASSWORD, via=A)
    status, body, _ = person.get(f"/en/grants/{CALL}/apply/eligibility/", via=A)
    assert status == 200, cluster.log_tail()
    city = re.search(r'<option value="(\d+)"', body).group(1)
    draft = Application.objects.get(call=call, applicant=applicant)

    def save(step, fields, files=None, via=A):
        draft.refresh_from_db()
        data = {
            f"application_{draft.pk}-current_step": step,
            "draft_version": draft.version,
            **{f"{step}-{key}": value for key, value in fields.items()},
        }
        status, body, _ = person.post(
            f"/en/grants/{CALL}/apply/{step}/", data, files=files, via=via
        )
        assert status == 302, (step, status, body[:3000])

    save("eligibility", {"city": city, "group_kind": "informal_group", "theme": "inclusion"})
    save(
        "team",
        {"group_name": "Two-server Storytellers", "member_count": "5", "lead_role": "Lead"},
    )
    status, body, _ = person.get(f"/en/grants/{CALL}/apply/team/", via=B)
    assert status == 200
    assert 'value="Two-server Storytellers"' in body
    save("team", {"group_name": "Saved on B", "member_count": "5", "lead_role": "Lead"}, via=B)
    status, body, _ = person.get(f"/en/grants/{CALL}/apply/team/", via=A)
    assert 'value="Saved on B"' in body
    save("documents", {}, files={"documents-budget_sheet": ("budget.pdf", PDF)})
    attachment = Attachment.objects.get(application=draft)
    with attachment.file.open("rb") as stored:  # on S3, where this process reads it too
        assert stored.read() == PDF
    status, _body, headers = person.get(f"/en/my/documents/{attachment.token}/", via=B)
    assert status == 302  # B hands out a short-lived signed link to the file A stored
    assert headers["Location"].startswith(cluster.envs[B]["S3_ENDPOINT_URL"])

    # A rate limit counted on A holds on B: five supports an hour from one address.
    campaign = CampaignPage.objects.live().first()
    supporter = Visitor(cluster)
    supporter.get(f"/en/campaigns/{campaign.pk}/support/", via=A)
    for number in range(5):
        status, body, _ = supporter.post(
            f"/en/campaigns/{campaign.pk}/support/",
            _human_form(email=f"fan{number}@example.org", wants_updates="on"),
            via=A,
        )
        assert status == 302, (number, status, body[:2000])
    status, body, _ = supporter.post(
        f"/en/campaigns/{campaign.pk}/support/", _human_form(display_name="Sixth"), via=B
    )
    assert status == 429

    # A role removed elsewhere is refused on B at once (roles are cached in Redis only).
    activist = UserFactory(email="scaleout-activist@example.org", roles=[ACTIVIST])
    author = Visitor(cluster)
    author.log_in(activist.email, PASSWORD, via=A)
    assert author.get("/admin/", via=B)[0] == 200
    assert author.get("/admin/", via=A)[0] == 200
    user_set_roles(user=activist, roles=[], actor=None)
    assert author.get("/admin/", via=B)[0] in (302, 403)
    assert author.get("/admin/", via=A)[0] in (302, 403)

    # Publishing purges the cached page on both servers.
    reader = Visitor(cluster)
    old_title = campaign.title
    assert campaign.url.startswith("/en/")
    for server in (A, B):
        status, body, _ = reader.get(campaign.url, via=server)
        assert status == 200 and old_title in body
    CampaignPage.objects.filter(pk=campaign.pk).update(title="Changed without publishing")
    for server in (A, B):  # both serve the shared cached copy
        assert old_title in reader.get(campaign.url, via=server)[1]
    campaign.refresh_from_db()
    campaign.title = "Published on two servers"
    campaign.save_revision().publish()
    for server in (A, B):
        assert _eventually(
            lambda server=server: (
                "Published on two servers" in reader.get(campaign.url, via=server)[1]
            )
        ), f"server {server} still serves the old page"

    # Without pinning, the proxy takes turns: every answer right, from both servers.
    cluster.proxy.served.clear()
    for _ in range(6):
        status, body, _ = reader.get(campaign.url)
        assert status == 200 and "Published on two servers" in body
    assert sorted(set(cluster.proxy.served)) == [A, B]

    # Two db_workers sent each confirmation email once.
    from django_tasks_db.models import DBTaskResult

    emails = DBTaskResult.objects.filter(task_path__endswith="send_email")
    assert _eventually(
        lambda: not emails.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists(), 30
    ), cluster.log_tail()
    assert emails.filter(status="SUCCESSFUL").count() == emails.count() >= 5
    assert all(len(result.worker_ids) == 1 for result in emails)

    # Nothing was written to either server's own disk.
    for env in cluster.envs:
        from pathlib import Path

        own = [p for p in Path(env["VAR_DIR"]).iterdir() if p.name != "static"]
        written = [p for d in own for p in ([d] if d.is_file() else d.rglob("*")) if p.is_file()]
        assert written == [], written
