from django_tasks import task

from youthcities.reminders.services import reminders_send


@task()
def send_reminders() -> int:
    return reminders_send()
