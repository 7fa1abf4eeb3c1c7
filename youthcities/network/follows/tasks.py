from django_tasks import task

from youthcities.network.follows.services import digests_send


@task()
def send_digests(frequency: str) -> int:
    return digests_send(frequency=frequency)
