"""Emails to people about something that happened, each in their own language."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from youthcities.accounts.tasks import send_email


def notify(users, template: str, context: dict, link: tuple[str, list] | None = None) -> None:
    """Email each person in their own language (link included), after the transaction commits.
    `template` names <template>_subject.txt and <template>_message.txt, e.g.
    "grants/email/decision"."""
    for user in users:
        with translation.override(user.preferred_language or "en"):
            extra = {"user": user}
            if link is not None:
                extra["link"] = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
                    link[0], args=link[1]
                )
            subject = render_to_string(f"{template}_subject.txt", {**context, **extra}).strip()
            body = render_to_string(f"{template}_message.txt", {**context, **extra})
        transaction.on_commit(
            lambda s=subject, b=body, to=user.email: send_email.enqueue(subject=s, body=b, to=[to])
        )
