"""Queueing background work together with the data it works on."""

from django.db import transaction
from django_tasks_db import DatabaseBackend


def enqueue_with_data(task, **kwargs) -> None:
    """Queue `task` so that it runs only if the current transaction commits.

    On the database queue (the default) the task's row is written inside that transaction: the
    data and its task commit together, in one commit, and a crash between the two can lose
    neither (a webhook under load pays one disk flush per event, not two). Any other queue (RQ,
    the tests' immediate backend) gets the task once the transaction has committed, so that its
    worker finds the data."""
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs))
