"""The network's kinds of a person's data: workshop registrations, follows and notifications,
recommendations written. Registered from NetworkConfig.ready (youthcities.privacy.registry)."""

from django.utils.translation import gettext_lazy as _

from youthcities.network.follows.models import DigestSetting, Follow, Notification
from youthcities.network.workshops.models import (
    Answer,
    Commitment,
    ProgressUpdate,
    Recommendation,
    Registration,
)
from youthcities.privacy.registry import DataKind, Erasure, register, register_free_text


def _iso(value):
    return value.isoformat() if value else None


def _registrations(user) -> list[dict]:
    return [
        {
            "workshop": r.workshop.title_en,
            "starts_on": _iso(r.workshop.starts_on),
            "role": r.role,
            "status": r.status,
            "registered": _iso(r.created_at),
            "days_attended": [_iso(a.day) for a in r.attendance.all()],
        }
        for r in Registration.objects.filter(user=user)
        .select_related("workshop")
        .prefetch_related("attendance")
    ]


def _follows(user) -> list[dict]:
    digest = DigestSetting.objects.filter(user=user).first()
    return [
        {
            "follows": [
                {
                    "city": f.city.name if f.city_id else None,
                    "workshop": f.workshop.title_en if f.workshop_id else None,
                    "commitment": f.commitment_id,
                    "since": _iso(f.created_at),
                }
                for f in Follow.objects.filter(user=user).select_related("city", "workshop")
            ],
            "digest": digest.frequency if digest else None,
            "notifications": [
                {"kind": n.kind, "data": n.data, "created": _iso(n.created_at)}
                for n in Notification.objects.filter(user=user)
            ],
        }
    ]


def _recommendations(user) -> list[dict]:
    return [
        {
            "title": r.title,
            "text": r.text,
            "theme": r.theme,
            "department": r.department,
            "workshop": r.workshop.title_en,
            "written": _iso(r.created_at),
        }
        for r in Recommendation.objects.filter(author=user).select_related("workshop")
    ]


def _registrations_erase(erasure: Erasure) -> dict:
    deleted, _rows = Registration.objects.filter(user=erasure.user).delete()
    return {"deleted": deleted}


def _follows_erase(erasure: Erasure) -> dict:
    deleted = 0
    for model in (Follow, Notification, DigestSetting):
        deleted += model.objects.filter(user=erasure.user).delete()[0]
    return {"deleted": deleted}


def register_kinds() -> None:
    register_free_text(Recommendation, "text")
    register_free_text(Answer, "explanation")
    register_free_text(Commitment, "milestones")
    register_free_text(ProgressUpdate, "note")
    register(
        DataKind(
            key="workshop_registrations",
            label=_("Workshop registrations"),
            description=_("The labs and workshops you registered for, and the days you came."),
            order=50,
            count=lambda user: Registration.objects.filter(user=user).count(),
            export=_registrations,
            goes=_("Your workshop registrations."),
            erase=_registrations_erase,
        )
    )
    register(
        DataKind(
            key="follows",
            label=_("Follows and messages"),
            description=_("What you follow, your notifications and your digest choice."),
            order=60,
            count=lambda user: (
                Follow.objects.filter(user=user).count()
                + Notification.objects.filter(user=user).count()
            ),
            export=_follows,
            goes=_("What you follow and your notifications."),
            erase=_follows_erase,
        )
    )
    register(
        DataKind(
            key="recommendations",
            label=_("Recommendations"),
            description=_("Recommendations you wrote to a city at a workshop."),
            order=55,
            count=lambda user: Recommendation.objects.filter(author=user).count(),
            export=_recommendations,
            stays=_(
                "Recommendations you wrote stay with the city's answer, under “Former member”."
            ),
        )
    )
