"""The ground floor's rows of the retention table: guardian consent never given, and access
records (sessions, finished background tasks)."""

from django.contrib.sessions.models import Session

from youthcities.privacy.retention import RULES, in_batches, register_purge


def purge_unconfirmed_guardian_consent(now, *, dry_run=False, limit=None) -> int:
    from youthcities.accounts.models import GuardianConsent

    expired = GuardianConsent.objects.filter(
        confirmed_at__isnull=True,
        last_sent_at__lt=now - RULES["unconfirmed_guardian_consent"].period,
    )
    return in_batches(expired, lambda batch: batch.delete(), dry_run=dry_run, limit=limit)


def purge_access_records(now, *, dry_run=False, limit=None) -> int:
    """Sessions that ended, and background tasks finished a while ago (their arguments hold
    email addresses and the text of the emails)."""
    from django_tasks_db.models import DBTaskResult

    cutoff = now - RULES["access_records"].period
    sessions = Session.objects.filter(expire_date__lt=now)
    tasks = DBTaskResult.objects.filter(finished_at__lt=cutoff)
    return in_batches(sessions, lambda b: b.delete(), dry_run=dry_run, limit=limit) + in_batches(
        tasks, lambda b: b.delete(), dry_run=dry_run, limit=limit
    )


def purge_data_downloads(now, *, dry_run=False, limit=None) -> int:
    """A download's ZIP holds everything about a person: it goes once its link has expired (and
    one never finished goes after a day)."""
    from django.db.models import Q

    from youthcities.privacy.models import DataExport
    from youthcities.privacy.services import delete_file_on_commit

    expired = DataExport.objects.filter(
        Q(expires_at__lt=now)
        | Q(expires_at__isnull=True, created_at__lt=now - RULES["data_downloads"].period)
    )

    def remove(batch):
        for export in batch:
            delete_file_on_commit(export.file)
        batch.delete()

    return in_batches(expired, remove, dry_run=dry_run, limit=limit)


def register_ground_floor_purges() -> None:
    register_purge("data_downloads", purge_data_downloads)
    register_purge("unconfirmed_guardian_consent", purge_unconfirmed_guardian_consent)
    register_purge("access_records", purge_access_records)
