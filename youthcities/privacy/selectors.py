"""Reads for the "My data" page."""

from dataclasses import dataclass

from youthcities.privacy.models import DataExport
from youthcities.privacy.registry import DataKind, kinds


@dataclass
class KindSummary:
    kind: DataKind
    count: int


def data_summary(user) -> list[KindSummary]:
    return [KindSummary(kind=kind, count=kind.count(user)) for kind in kinds()]


def latest_export(user) -> DataExport | None:
    return DataExport.objects.filter(user=user).order_by("-created_at", "-id").first()
