"""Background work queued with its data: on the database queue the task's row commits in the
same transaction as the data (one commit, and never one without the other); on any other queue
the task is handed over once the data has committed."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from grants.payments.models import StripeEvent
from youthcities.queue import enqueue_with_data, insert_once_and_enqueue

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ran: list[int] = []


@task()
def remember(number: int) -> int:
    ran.append(number)
    return number


class Abandoned(Exception):
    pass


@override_settings(TASKS=DATABASE_QUEUE)
def test_on_the_database_queue_the_task_is_written_in_the_datas_transaction(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        enqueue_with_data(remember, number=1)
        assert DBTaskResult.objects.filter(args_kwargs__kwargs={"number": 1}).exists()
    assert callbacks == []  # nothing waits for the commit: the row is already in it


@override_settings(TASKS=DATABASE_QUEUE)
def test_on_the_database_queue_a_rolled_back_transaction_leaves_no_task():
    with pytest.raises(Abandoned), transaction.atomic():
        enqueue_with_data(remember, number=2)
        raise Abandoned
    assert not DBTaskResult.objects.filter(args_kwargs__kwargs={"number": 2}).exists()


def test_on_another_queue_the_task_waits_for_the_commit(django_capture_on_commit_callbacks):
    ran.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_with_data(remember, number=3)
        assert ran == []  # the immediate backend of the tests would have run it already
    assert ran == [3]


# --- A row and its task in one statement (Stripe's webhook) ---------------------------------------

QUEUE_COLUMNS = [
    "status", "started_at", "finished_at", "args_kwargs", "priority", "task_path", "worker_ids",
    "queue_name", "backend_name", "run_after", "return_value", "exception_class_path", "traceback",
]  # fmt: skip


def _event(event_id: str) -> StripeEvent:
    return StripeEvent(event_id=event_id, type="account.updated", payload={"id": event_id})


def _queued(pk_argument: str, pk: int) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(**{f"args_kwargs__kwargs__{pk_argument}": pk}))


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_new_row_and_its_task_are_written_in_one_statement(django_assert_num_queries):
    with django_assert_num_queries(1):
        inserted = insert_once_and_enqueue(
            _event("evt_one"), unique="event_id", task=remember, pk_argument="number"
        )
    assert inserted is True
    stored = StripeEvent.objects.get(event_id="evt_one")
    assert stored.received_at is not None  # auto_now_add, as the ORM would have set it
    [queued] = _queued("number", stored.pk)
    # The row is the one the library writes for the same task: the worker cannot tell them apart.
    written_by_library = remember.enqueue(number=stored.pk).db_result
    written_by_library.refresh_from_db()
    assert {c: getattr(queued, c) for c in QUEUE_COLUMNS} == {
        c: getattr(written_by_library, c) for c in QUEUE_COLUMNS
    }
    assert queued.id != written_by_library.id


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_row_seen_before_is_not_written_again_and_queues_nothing():
    first = insert_once_and_enqueue(
        _event("evt_twice"), unique="event_id", task=remember, pk_argument="number"
    )
    again = insert_once_and_enqueue(
        _event("evt_twice"), unique="event_id", task=remember, pk_argument="number"
    )
    assert (first, again) == (True, False)
    stored = StripeEvent.objects.get(event_id="evt_twice")
    assert len(_queued("number", stored.pk)) == 1
    assert DBTaskResult.objects.count() == 1


# The real worker closes its database connections as it goes: a committed test.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_the_worker_runs_a_task_written_with_its_row():
    ran.clear()
    insert_once_and_enqueue(
        _event("evt_run"), unique="event_id", task=remember, pk_argument="number"
    )
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    stored = StripeEvent.objects.get(event_id="evt_run")
    assert ran == [stored.pk]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_on_another_queue_a_new_row_is_saved_and_its_task_waits_for_the_commit(
    django_capture_on_commit_callbacks,
):
    ran.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        first = insert_once_and_enqueue(
            _event("evt_rq"), unique="event_id", task=remember, pk_argument="number"
        )
        again = insert_once_and_enqueue(
            _event("evt_rq"), unique="event_id", task=remember, pk_argument="number"
        )
        assert ran == []
    assert (first, again) == (True, False)
    assert ran == [StripeEvent.objects.get(event_id="evt_rq").pk]
