"""Races between threads, each on its own database connection."""

import time

from django.db import OperationalError, connection


def connect_for_race(deadline_seconds: float = 60) -> None:
    """Open this thread's connection before the race starts. The PostgreSQL server is shared
    (other test processes, other people's runs): while it has no room for another client, wait
    for one to leave, so that every racer really holds a connection when the barrier opens."""
    deadline = time.monotonic() + deadline_seconds
    while True:
        try:
            connection.ensure_connection()
            return
        except OperationalError as error:
            if "too many clients" not in str(error) or time.monotonic() > deadline:
                raise
            connection.close()
            time.sleep(0.2)
