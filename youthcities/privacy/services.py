"""A person's data: take it (a ZIP built in the background, emailed as a link valid 24 hours)
and erase it (one service for the person and for staff handling a request made another way)."""

import datetime
import secrets
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.accounts.selectors import has_role
from youthcities.audit.services import audit_record
from youthcities.errors import ServiceError
from youthcities.pagecache import page_cache_clear
from youthcities.privacy.models import DataExport
from youthcities.privacy.registry import Erasure, free_text_fields, kinds
from youthcities.privacy.scrub import scrub
from youthcities.privacy.tasks import build_data_export

# A download still "being prepared" after this long has failed somewhere: it blocks nothing.
STALE_PENDING = datetime.timedelta(hours=1)
FORMER_MEMBER = "Former member"  # stored; shown translated (User.public_name)


class PrivacyError(ServiceError):
    pass


class NotAllowed(PrivacyError):
    message = _("You cannot do this.")


class ExportAlreadyPending(PrivacyError):
    message = _("Your data is already being prepared. This page shows when it is ready.")


class AlreadyErased(PrivacyError):
    message = _("This account has already been deleted.")


class ExportRunning(PrivacyError):
    message = _(
        "Your data is being prepared for download. Wait until it is ready (a few minutes), "
        "then delete your account."
    )


class ErasureBlocked(PrivacyError):
    message = _("Your account cannot be deleted yet.")

    def __init__(self, reasons: list[str]):
        super().__init__()
        self.reasons = reasons


def _may_act_for(actor, user) -> bool:
    return actor is not None and (actor.pk == user.pk or has_role(actor, PROGRAMME_STAFF))


def pending_export(user) -> DataExport | None:
    return (
        DataExport.objects.filter(
            user=user,
            status=DataExport.Status.PENDING,
            created_at__gt=timezone.now() - STALE_PENDING,
        )
        .order_by("-created_at")
        .first()
    )


def data_export_request(*, user, actor) -> DataExport:
    """Queue a download of everything the portal holds about `user`; the task emails them."""
    if not _may_act_for(actor, user) or user.erased_at:
        raise NotAllowed
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if pending_export(user) is not None:
            raise ExportAlreadyPending
        export = DataExport.objects.create(user=user, requested_by=actor)
        audit_record(actor=actor, action="privacy.export_requested", target=user)
        transaction.on_commit(lambda: build_data_export.enqueue(export_id=export.pk))
    return export


def erasure_blockers(user) -> list[str]:
    """What must finish before the account can go (an open award, a payment in flight)."""
    return [str(reason) for kind in kinds() for reason in kind.blockers(user)]


def identifying_values(user) -> tuple[str, ...]:
    values = [user.email, user.legal_name, user.display_name]
    if user.date_of_birth:
        values.append(user.date_of_birth.isoformat())
    from allauth.account.models import EmailAddress

    values += EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    return tuple(sorted({v for v in values if v}))


def account_erase(*, user, actor, unpublish_campaigns: bool = False, note: str = "") -> dict:
    """Delete what can go, pseudonymise what the law makes us keep, and close the account.
    Refused while a download is being prepared, an award is open or a payment is in flight."""
    if not _may_act_for(actor, user):
        raise NotAllowed
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        if user.erased_at:
            raise AlreadyErased
        if pending_export(user) is not None:
            raise ExportRunning
        reasons = erasure_blockers(user)
        if reasons:
            raise ErasureBlocked(reasons)
        by_staff = actor.pk != user.pk
        erasure = Erasure(
            user=user,
            actor=actor,
            email=user.email,
            values=identifying_values(user),
            placeholder_email=f"erased-{secrets.token_hex(8)}@erased.invalid",
            unpublish_campaigns=unpublish_campaigns,
        )
        counts = {kind.key: kind.erase(erasure) for kind in kinds()}
        counts["free_text"] = _rewrite_free_text(erasure)
        _erase_wagtail_traces(erasure)
        _erase_person(erasure)
        # Cached public pages still carry the name (a campaign's byline): forget them all.
        transaction.on_commit(page_cache_clear)
        # The trail keeps that it happened, not who: no actor when the person did it themselves.
        audit_record(
            actor=actor if by_staff else None,
            action="privacy.account_erased",
            target=user,
            data={
                "by_staff": by_staff,
                "unpublished_campaigns": unpublish_campaigns,
                "request": scrub(note, erasure.values),
            },
        )
    return counts


def _erase_person(erasure: Erasure) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    user = erasure.user
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    for export in DataExport.objects.filter(user=user):
        delete_file_on_commit(export.file)
    DataExport.objects.filter(user=user).delete()
    _end_sessions(user)
    _forget_queued_work(erasure)
    user.groups.clear()
    user.user_permissions.clear()
    user.email = erasure.placeholder_email
    user.display_name = FORMER_MEMBER
    user.legal_name = ""
    user.date_of_birth = None
    user.country = ""
    user.city = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.erased_at = timezone.now()
    user.save()


def _end_sessions(user) -> None:
    key = str(user.pk)
    # Through the session engine: a cached session (cached_db, with Redis) goes from the cache too.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == key:
            store(session_key=session.session_key).delete()


def _erase_wagtail_traces(erasure: Erasure) -> None:
    """Wagtail keeps every page revision and log entry: the person's values go from them too,
    and their admin profile (avatar, preferences) is deleted."""
    from wagtail.models import ModelLogEntry, PageLogEntry, Revision
    from wagtail.users.models import UserProfile

    UserProfile.objects.filter(user=erasure.user).delete()
    words = _typed_words(erasure)
    mentions = Q()
    for word in words:
        mentions |= Q(content__icontains=word)
    for revision in Revision.objects.filter(mentions).iterator():
        Revision.objects.filter(pk=revision.pk).update(content=scrub(revision.content, words))
    for model in (PageLogEntry, ModelLogEntry):
        for entry in model.objects.filter(user=erasure.user).iterator():
            model.objects.filter(pk=entry.pk).update(
                data=scrub(entry.data, erasure.values), label=scrub(entry.label, erasure.values)
            )


REMOVED = "[removed]"  # an address typed in free text


def _typed_words(erasure: Erasure) -> list[str]:
    """Addresses and the legal name, as people type them in text. Not the display name (the
    byline reads it from the user row, and a short one would match other people's words) nor
    the birth date (any date may)."""
    return [
        value
        for value in erasure.values
        if not _is_iso_date(value) and value != erasure.user.display_name
    ]


def _rewrite_free_text(erasure: Erasure) -> int:
    """In the records that stay (answers, messages, reviews, campaign bodies...), the person's
    addresses become "[removed]" and their legal name "Former member", whoever typed them; the
    fields are those of the free-text registry. Returns the number of records rewritten."""
    words = _typed_words(erasure)
    addresses = [word for word in words if "@" in word]
    names = [word for word in words if "@" not in word]
    if not words:
        return 0
    changed = set()
    for entry in free_text_fields():
        model = entry.model
        for name in entry.fields:
            field = model._meta.get_field(name)
            mentions = Q()
            for word in words:
                mentions |= Q(_yc_text__icontains=word)
            rows = model._default_manager.annotate(_yc_text=Cast(name, TextField())).filter(
                mentions
            )
            for obj in rows.iterator():
                before = getattr(obj, name)
                if hasattr(before, "stream_block"):  # a StreamField's value: its raw JSON
                    before = field.get_prep_value(before)
                after = scrub(scrub(before, addresses, REMOVED), names, FORMER_MEMBER)
                if isinstance(after, str) and field.max_length:
                    after = after[: field.max_length]
                if after != before:
                    model._default_manager.filter(pk=obj.pk).update(**{name: after})
                    changed.add((model, obj.pk))
    # The search index copied the text too (a campaign's body): index the rows again.
    for model, pk in changed:
        if issubclass(model, index.Indexed):
            index.insert_or_update_object(model._default_manager.get(pk=pk))
    return len(changed)


def _is_iso_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _forget_queued_work(erasure: Erasure) -> None:
    """Background tasks keep their arguments (an email's address and text): those naming the
    person go, so no email reaches an erased address and no stored task names them."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(args_kwargs__icontains=erasure.email).delete()


def delete_file_on_commit(field_file) -> None:
    """Remove a stored file once the erasure is committed (a rolled-back erasure keeps it)."""
    if not field_file:
        return
    storage, name = field_file.storage, field_file.name
    transaction.on_commit(lambda: storage.delete(name))
