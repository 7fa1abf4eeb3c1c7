"""Background work queued with its data: on the database queue the task's row commits in the
same transaction as the data (one commit, and never one without the other); on any other queue
the task is handed over once the data has committed."""

import pytest
from django.db import transaction
from django.test import override_settings
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from youthcities.queue import enqueue_with_data

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
