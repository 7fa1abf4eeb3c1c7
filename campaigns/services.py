"""Every change to a campaign's public life: support, reports, moderation and the emails that
tell the authors. Each runs in a transaction and writes an audit entry."""

import hashlib
import hmac

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.actions.unpublish_page import UnpublishPageAction

from youthcities.accounts.models import User
from youthcities.accounts.tasks import send_email
from youthcities.audit.services import audit_record
from youthcities.errors import ServiceError
from youthcities.ratelimit import rate_consume

from .models import AbuseReport, CampaignPage, Support
from .permissions import is_moderator

SUPPORTS_PER_HOUR = 5
REPORTS_PER_HOUR = 5
CONFIRM_SALT = "campaigns.support.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 3600


class CampaignError(ServiceError):
    pass


class TooManyRequests(CampaignError):
    message = _(
        "We received many messages from your connection in the last hour. Please try again later."
    )


class AlreadySupported(CampaignError):
    message = _("This email already supports this campaign. Thank you!")


class NotPublic(CampaignError):
    message = _("This campaign is not public.")


class NotAllowed(CampaignError):
    message = _("You are not allowed to do this.")


class BadLink(CampaignError):
    message = _("This confirmation link is not valid or has expired.")


def client_address(request) -> str:
    """The visitor's address: REMOTE_ADDR, or behind TRUSTED_PROXIES proxies the entry of
    X-Forwarded-For the outermost of them added."""
    proxies = settings.TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request) -> str:
    """Who is asking, without keeping their address: a keyed hash of it."""
    address = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def _within_rate(kind: str, key: str, limit: int) -> bool:
    """Count one more request of this kind from this client in the current hour."""
    return rate_consume(scope=f"campaigns-{kind}", key=key, limit=limit)


def campaign_support(
    *, page: CampaignPage, display_name: str, email: str, wants_updates: bool, client: str
) -> Support:
    """Record support. An email is kept only when its owner asked for updates; it is used once
    they confirm it from the email we send (double opt-in)."""
    if not page.live:
        raise NotPublic()
    if not _within_rate("support", client, SUPPORTS_PER_HOUR):
        raise TooManyRequests()
    email = email.strip() if wants_updates else ""
    try:
        with transaction.atomic():
            support = Support.objects.create(
                page=page, display_name=display_name.strip(), email=email
            )
            audit_record(
                actor=None,
                action="campaign.supported",
                target=page,
                data={"support": support.pk, "with_email": bool(email)},
            )
    except IntegrityError:
        raise AlreadySupported() from None
    if email:
        _send_confirmation(support)
    return support


def _send_confirmation(support: Support) -> None:
    token = signing.dumps(support.pk, salt=CONFIRM_SALT)
    link = _absolute(reverse("campaigns:confirm", args=[token]))
    context = {"campaign": support.page.title, "link": link, "name": support.display_name}
    subject = render_to_string("campaigns/email/confirm_subject.txt", context).strip()
    body = render_to_string("campaigns/email/confirm_message.txt", context)
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body, to=[support.email])
    )


def support_confirm(*, token: str) -> Support:
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        raise BadLink() from None
    with transaction.atomic():
        support = Support.objects.select_for_update().filter(pk=pk).first()
        if support is None or not support.email:
            raise BadLink()
        if support.confirmed_at is None:
            support.confirmed_at = timezone.now()
            support.save(update_fields=["confirmed_at"])
            audit_record(actor=None, action="campaign.support_confirmed", target=support)
    return support


def campaign_report_abuse(
    *,
    page: CampaignPage,
    reason: str,
    details: str,
    client: str,
    about: str = AbuseReport.About.CAMPAIGN,
) -> AbuseReport:
    """A visitor reports a campaign, or its author (harassed, threatened, exposed): a report
    about the author comes first in the queue, and the moderators are emailed at once."""
    if not page.live:
        raise NotPublic()
    if about not in AbuseReport.About.values:
        raise CampaignError(_("Say whether the report is about the campaign or its author."))
    if not _within_rate("report", client, REPORTS_PER_HOUR):
        raise TooManyRequests()
    with transaction.atomic():
        report = AbuseReport.objects.create(
            page=page, about=about, reason=reason, details=details.strip()
        )
        audit_record(
            actor=None,
            action="campaign.reported",
            target=page,
            data={"report": report.pk, "about": about},
        )
        if about == AbuseReport.About.AUTHOR:
            _notify_moderators_of_author_report(report)
        else:
            _notify_moderators(report)
    return report


def report_dismiss(*, report: AbuseReport, actor, note: str) -> AbuseReport:
    if not is_moderator(actor):
        raise NotAllowed()
    with transaction.atomic():
        report = AbuseReport.objects.select_for_update().get(pk=report.pk)
        if report.status != AbuseReport.Status.OPEN:
            raise CampaignError(_("This report has already been handled."))
        report.status = AbuseReport.Status.DISMISSED
        report.handled_by = actor
        report.handled_at = timezone.now()
        report.resolution = note.strip()
        report.save(update_fields=["status", "handled_by", "handled_at", "resolution"])
        audit_record(actor=actor, action="campaign.report_dismissed", target=report)
    return report


def campaign_unpublish(*, page: CampaignPage, actor, reason: str) -> CampaignPage:
    """Take a campaign down after a report. Its open reports are closed with the reason, and the
    authors are told why."""
    if not is_moderator(actor):
        raise NotAllowed()
    reason = reason.strip()
    if not reason:
        raise CampaignError(_("Say why the campaign is taken down: its authors will read it."))
    with transaction.atomic():
        page = CampaignPage.objects.select_for_update().get(pk=page.pk)
        if page.live:
            # Moderators hold no publish permission in Wagtail; the role check above is theirs.
            UnpublishPageAction(page, user=actor).execute(skip_permission_checks=True)
        AbuseReport.objects.filter(page=page, status=AbuseReport.Status.OPEN).update(
            status=AbuseReport.Status.UNPUBLISHED,
            handled_by=actor,
            handled_at=timezone.now(),
            resolution=reason,
        )
        audit_record(
            actor=actor, action="campaign.unpublished", target=page, data={"reason": reason}
        )
    campaign_notify_authors(page=page, template="unpublished", context={"reason": reason})
    return page


# --- Emails ----------------------------------------------------------------------------------


def authors_of(page: CampaignPage):
    return User.objects.filter(
        Q(pk=page.owner_id) | Q(campaigncoauthor__page=page), is_active=True
    ).distinct()


def campaign_notify_authors(*, page: CampaignPage, template: str, context: dict) -> None:
    """Email the owner and co-authors, each in their own language, after the change commits.
    `template` names campaigns/email/<template>_subject.txt and _message.txt."""
    edit_link = _absolute(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    for user in authors_of(page):
        with translation.override(user.preferred_language or "en"):
            full = {**context, "user": user, "campaign": page.title, "link": edit_link}
            subject = render_to_string(f"campaigns/email/{template}_subject.txt", full).strip()
            body = render_to_string(f"campaigns/email/{template}_message.txt", full)
        transaction.on_commit(
            lambda s=subject, b=body, to=user.email: send_email.enqueue(subject=s, body=b, to=[to])
        )


def _notify_moderators(report: AbuseReport) -> None:
    from youthcities.accounts.roles import MODERATOR
    from youthcities.accounts.selectors import users_with_role

    link = _absolute(reverse("campaigns_admin:report", args=[report.page_id]))
    for user in users_with_role(MODERATOR):
        with translation.override(user.preferred_language or "en"):
            context = {"campaign": report.page.title, "report": report, "link": link}
            subject = render_to_string("campaigns/email/reported_subject.txt", context).strip()
            body = render_to_string("campaigns/email/reported_message.txt", context)
        transaction.on_commit(
            lambda s=subject, b=body, to=user.email: send_email.enqueue(subject=s, body=b, to=[to])
        )


def _notify_moderators_of_author_report(report: AbuseReport) -> None:
    """Urgent: a young author may be at risk. The email names the campaign, never the author
    (an inbox is less safe than the admin, where the moderator reads who wrote it)."""
    from youthcities.accounts.roles import MODERATOR
    from youthcities.accounts.selectors import users_with_role
    from youthcities.notify import notify

    notify(
        users_with_role(MODERATOR).distinct(),
        "campaigns/email/author_reported",
        {"campaign": report.page.title, "report": report},
        link=("campaigns_admin:reports", []),
    )


def review_sent_back(*, workflow_state) -> None:
    """The safeguarding review asked for changes: the authors read the moderator's comment."""
    page = workflow_state.content_object.specific
    if not isinstance(page, CampaignPage):
        return
    task_state = workflow_state.current_task_state
    comment = task_state.get_comment() if task_state else ""
    campaign_notify_authors(page=page, template="sent_back", context={"comment": comment})


def review_approved(*, workflow_state) -> None:
    page = workflow_state.content_object.specific
    if isinstance(page, CampaignPage):
        live_url = _absolute(page.get_url() or "/")
        campaign_notify_authors(page=page, template="approved", context={"live_url": live_url})


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
