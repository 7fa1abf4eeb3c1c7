"""Following and digests. A change leaves one notification per follower (in-site list); the
digest task sends each person one email per period with everything new, grouped by what they
follow, in their language — and nothing when nothing changed."""

from collections import defaultdict

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from youthcities.accounts.tasks import send_email
from youthcities.audit.services import audit_record
from youthcities.network.follows.models import DigestSetting, Follow, Notification
from youthcities.network.follows.selectors import (
    about_labels,
    localised_link,
    notification_text,
    target_field,
)

UNSUBSCRIBE_SALT = "network.digest.unsubscribe"


# --- Following -------------------------------------------------------------------------------


def follow_create(*, user, target) -> tuple[Follow, bool]:
    """Follow a city, a workshop or a commitment. Following it again changes nothing."""
    field = target_field(target)
    existing = Follow.objects.filter(user=user, **{field: target}).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            follow = Follow.objects.create(user=user, **{field: target})
            DigestSetting.objects.get_or_create(user=user)
            audit_record(actor=user, action=f"follow.{field}", target=follow)
    except IntegrityError:  # the same click in two tabs
        return Follow.objects.get(user=user, **{field: target}), False
    return follow, True


def follow_delete(*, user, target) -> None:
    Follow.objects.filter(user=user, **{target_field(target): target}).delete()


def notify_followers(
    *, kind: str, data: dict, link: str, city=None, workshop=None, commitment=None
):
    """One notification per person who follows any of these; about the most specific one."""
    now = timezone.now()
    about = {}
    for field, target in (("city", city), ("workshop", workshop), ("commitment", commitment)):
        if target is None:
            continue
        for user_id in Follow.objects.filter(**{field: target}).values_list("user_id", flat=True):
            about[user_id] = f"{field}:{target.pk}"  # later, more specific targets win
    Notification.objects.bulk_create(
        Notification(user_id=user_id, kind=kind, about=key, data=data, link=link, created_at=now)
        for user_id, key in about.items()
    )


# --- Digests ---------------------------------------------------------------------------------


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


def digest_unsubscribe(token: str):
    """Stop digest emails for the person the signed token names; a forged token raises
    signing.BadSignature."""
    user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)["u"]
    setting, _created = DigestSetting.objects.get_or_create(user_id=user_id)
    setting.frequency = DigestSetting.Frequency.NEVER
    setting.save(update_fields=["frequency"])
    return setting


def digests_send(*, frequency: str, now=None) -> int:
    """Send one digest to each person on this frequency who has something new. Returns how many
    were sent. Run daily and weekly (`manage.py send_digests --frequency daily`)."""
    now = now or timezone.now()
    waiting = Notification.objects.filter(digested_at__isnull=True, created_at__lte=now)
    on_frequency = Q(user__digest__frequency=frequency)
    if frequency == DigestSetting.Frequency.WEEKLY:  # the default for people who never chose
        on_frequency |= Q(user__digest__isnull=True)
    by_user = defaultdict(list)
    for notification in waiting.filter(on_frequency).select_related("user").order_by("created_at"):
        by_user[notification.user].append(notification)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for user, notifications in by_user.items():
        with translation.override(user.preferred_language or "en"):
            labels = about_labels({n.about for n in notifications})
            groups = defaultdict(list)
            for notification in notifications:
                groups[labels.get(notification.about, "")].append(
                    (notification_text(notification), localised_link(notification, base))
                )
            context = {
                "user": user,
                "groups": dict(groups),
                "unsubscribe": base
                + reverse("network:unsubscribe", args=[unsubscribe_token(user)]),
                "settings_link": base + reverse("network:notifications"),
            }
            subject = render_to_string("network/email/digest_subject.txt", context).strip()
            body = render_to_string("network/email/digest_message.txt", context)
        with transaction.atomic():
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
                digested_at=now
            )
            DigestSetting.objects.update_or_create(user=user, defaults={"last_sent_at": now})
            transaction.on_commit(
                lambda s=subject, b=body, to=user.email: send_email.enqueue(
                    subject=s, body=b, to=[to]
                )
            )
    return len(by_user)
