"""The task backend is a setting (TASKS_BACKEND). The database queue stays the default; RQ on Redis
(django-tasks-rq) is the production alternative. Here a representative set of the portal's own
task tests runs again with every task sent through Redis and run by a real RQ worker: the
ranking export, the campaign's confirmation email, the follows digest, Stripe's webhook applying
an event and the Stripe catch-up (a task that enqueues tasks).

Each enqueued job is serialised into the test's own Redis and taken from there by an RQ
`SimpleWorker` in burst mode, in this process (so it sees the test's transaction), right after it
is enqueued: the tests' "tasks run at once" holds, but through the RQ backend and worker."""

import pytest
from django_tasks.signals import task_enqueued

from tests.campaigns import test_public
from tests.campaigns.conftest import index  # noqa: F401 — a fixture of the reused tests
from tests.grants.conftest import stripe_standin  # noqa: F401
from tests.grants.payments import test_stripe
from tests.grants.review import test_views
from tests.grants.review.test_views import world  # noqa: F401
from tests.network import conftest as network_conftest
from tests.network.follows import test_services as follows_tests

loop = network_conftest.loop  # a fixture of the reused digest test
pytestmark = pytest.mark.django_db


class RQRun:
    """Jobs enqueued through the RQ backend, each run by an RQ worker as soon as it is queued."""

    def __init__(self):
        self.enqueued: list = []
        self._working = False

    def __call__(self, sender, task_result, **kwargs):
        from django_rq import get_queue
        from django_tasks_rq import Job, RQBackend
        from rq import SimpleWorker

        assert sender is RQBackend, sender  # not the immediate backend
        self.enqueued.append(task_result)
        if self._working:
            return  # a task enqueuing another: the running burst takes it next
        self._working = True
        try:
            queue = get_queue("default", job_class=Job)
            worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
            worker.work(burst=True, with_scheduler=False)
        finally:
            self._working = False

    def names(self, name: str) -> int:
        """How many of the jobs were this task (Wagtail's own tasks go through RQ too)."""
        return sum(1 for result in self.enqueued if result.task.name == name)


@pytest.fixture
def rq_tasks(settings, redis_server):
    settings.RQ_QUEUES = {"default": {"URL": f"{redis_server}/2"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    from django_rq import get_connection

    get_connection("default").flushdb()
    run = RQRun()
    task_enqueued.connect(run)
    yield run
    task_enqueued.disconnect(run)
    from django_tasks import default_task_backend

    # Every job went through Redis and finished there, with its result kept by RQ.
    assert run.enqueued, "no task was enqueued"
    for result in run.enqueued:
        stored = default_task_backend.get_result(result.id)
        assert stored.status == "SUCCESSFUL", (result.task.name, stored.status, stored.errors)


def test_the_backend_setting_chooses_rq(monkeypatch):
    """TASKS_BACKEND=rq outside tests selects the RQ backend, on the Redis of REDIS_URL."""
    import subprocess
    import sys

    code = (
        "from django.conf import settings; "
        "print(settings.TASKS['default']['BACKEND'], settings.RQ_QUEUES['default']['URL'])"
    )
    env = {
        "TASKS_BACKEND": "rq",
        "REDIS_URL": "redis://127.0.0.1:6390/4",
        "DEBUG": "1",
        "TESTING": "0",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-c", f"import django, os; os.environ.setdefault("
         f"'DJANGO_SETTINGS_MODULE', 'config.settings'); django.setup(); {code}"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert out == ["django_tasks_rq.RQBackend", "redis://127.0.0.1:6390/4"]
    env["TASKS_BACKEND"] = "database"
    out = subprocess.run(
        [sys.executable, "-c", f"import django, os; os.environ.setdefault("
         f"'DJANGO_SETTINGS_MODULE', 'config.settings'); django.setup(); {code}"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert out[0] == "django_tasks_db.DatabaseBackend"


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_ranking_export_under_rq(rq_tasks, client, world, export_format):  # noqa: F811
    test_views.test_exports_run_in_the_background_and_blind_calls_hold_no_identity(
        client, world, True, export_format
    )
    assert rq_tasks.names("export_ranking") == 1


def test_the_campaign_confirmation_email_under_rq(
    rq_tasks,
    client,
    index,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    test_public.test_an_email_is_kept_only_with_consent_and_used_only_once_confirmed(
        client, index, django_capture_on_commit_callbacks
    )
    assert rq_tasks.names("send_email") == 1


def test_the_follows_digest_under_rq(
    rq_tasks, loop, django_capture_on_commit_callbacks, mailoutbox
):
    follows_tests.test_a_digest_with_a_controlled_clock(
        loop, django_capture_on_commit_callbacks, mailoutbox
    )
    assert rq_tasks.names("send_email") == 2  # one digest to each of the two followers


def test_stripe_webhook_events_applied_under_rq(
    rq_tasks,
    client,
    stripe_standin,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    test_stripe.test_a_duplicate_webhook_is_stored_and_applied_once(
        client, stripe_standin, django_capture_on_commit_callbacks
    )
    assert rq_tasks.names("apply_stripe_event") == 1


def test_the_stripe_catch_up_enqueuing_tasks_under_rq(
    rq_tasks,
    stripe_standin,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    test_stripe.test_the_catch_up_stores_and_applies_events_the_webhook_missed(
        stripe_standin, django_capture_on_commit_callbacks
    )
    assert rq_tasks.names("apply_stripe_event") >= 1  # enqueued by the catch-up
