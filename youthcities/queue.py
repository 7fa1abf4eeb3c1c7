"""Queueing background work together with the data it works on."""

import functools

from django.db import IntegrityError, connection, transaction
from django.db.models.signals import pre_save
from django_tasks_db import DatabaseBackend
from django_tasks_db.compat import normalize_json
from django_tasks_db.models import DBTaskResult


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


def insert_once_and_enqueue(instance, *, unique: str, task, pk_argument: str) -> bool:
    """Insert `instance` unless a row with the same `unique` value exists, and queue
    `task(**{pk_argument: its pk})` only if it was inserted. True if it was.

    On PostgreSQL with the database queue this is one statement (an INSERT … ON CONFLICT DO
    NOTHING whose new id feeds the INSERT of the task's row): one round trip and one commit,
    no savepoint, no model built back from the database. It is the path of Stripe's webhook,
    the portal's busiest write. The task's row is the one `task.enqueue()` writes (a test
    compares the two), so `db_worker` runs it as any other. Elsewhere: the same through the
    ORM (`insert_once`), the task queued with the row (`enqueue_with_data`)."""
    if connection.vendor != "postgresql" or not isinstance(task.get_backend(), DatabaseBackend):
        with transaction.atomic():
            inserted = insert_once(instance)
            if inserted:
                enqueue_with_data(task, **{pk_argument: instance.pk})
        return inserted
    columns, values = _insert_values(instance)
    queue_columns, queue_values = _insert_values(_queue_row(task, **{pk_argument: 0}))
    sql = _insert_once_and_enqueue_sql(
        type(instance), tuple(columns), unique, tuple(queue_columns), pk_argument
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, *queue_values])
        return cursor.rowcount == 1


@functools.cache
def _insert_once_and_enqueue_sql(model, columns, unique, queue_columns, pk_argument) -> str:
    """The statement, built once per process. Every name comes from the models' metadata,
    quoted; every value is a parameter."""
    pk = _quote(model._meta.pk.column)
    selected = [
        # The task's argument is the new row's id, known only inside the statement.
        f"jsonb_set(%s, '{{kwargs,{pk_argument}}}', to_jsonb(new.{pk}))"
        if column == DBTaskResult._meta.get_field("args_kwargs").column
        else "%s"
        for column in queue_columns
    ]
    return (
        f"WITH new AS (INSERT INTO {_quote(model._meta.db_table)} "  # noqa: S608
        f"({', '.join(map(_quote, columns))}) VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({_quote(model._meta.get_field(unique).column)}) DO NOTHING "
        f"RETURNING {pk}) "
        f"INSERT INTO {_quote(DBTaskResult._meta.db_table)} "
        f"({', '.join(map(_quote, queue_columns))}) SELECT {', '.join(selected)} FROM new"
    )


def insert_once(instance) -> bool:
    """Save a new row; False (and nothing written) if a unique constraint says it exists."""
    try:
        with transaction.atomic():
            instance.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def _queue_row(task, **kwargs) -> DBTaskResult:
    """The database queue's row for `task(**kwargs)`, not saved: what `task.enqueue(**kwargs)`
    writes (django-tasks-db's DatabaseBackend), for a statement that writes it with its data."""
    backend = task.get_backend()
    backend.validate_task(task)
    return DBTaskResult(
        args_kwargs=normalize_json({"args": [], "kwargs": kwargs}),
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after,
        backend_name=backend.alias,
    )


def _insert_values(instance) -> tuple[list[str], list]:
    """The columns and values Django writes to insert `instance`: its pre_save receivers,
    defaults and auto_now_add applied, each value prepared by its field, an auto id left out."""
    meta = instance._meta
    pre_save.send(
        sender=type(instance), instance=instance, raw=False, using=connection.alias,
        update_fields=None,
    )  # fmt: skip
    fields = [field for field in meta.local_concrete_fields if field is not meta.auto_field]
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields
    ]
    return [field.column for field in fields], values


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)
