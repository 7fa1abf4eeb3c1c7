"""The ZIP of a person's data: a JSON file per registered kind, a README in their language and
their own files; ready for 24 hours, the link emailed."""

import datetime
import io
import json
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from youthcities.notify import notify
from youthcities.privacy.models import DataExport
from youthcities.privacy.registry import kinds

LINK_VALID = datetime.timedelta(hours=24)


def data_export_build(export: DataExport) -> DataExport:
    """Write the ZIP (a JSON file per kind, a README in the person's language, their files),
    mark it ready for 24 hours and email the link."""
    user = export.user
    with translation.override(user.preferred_language or "en"):
        content = _zip(user)
    now = timezone.now()
    with transaction.atomic():
        export.file.save("data.zip", ContentFile(content), save=False)
        export.status = DataExport.Status.READY
        export.finished_at = now
        export.expires_at = now + LINK_VALID
        export.save(update_fields=["file", "status", "finished_at", "expires_at"])
        notify(
            [user],
            "privacy/email/export_ready",
            {"expires_at": export.expires_at},
            link=("privacy:download", [export.token]),
        )
    return export


def _zip(user) -> bytes:
    out = io.BytesIO()
    registered = kinds()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind in registered:
            rows = kind.export(user)
            archive.writestr(
                f"{kind.key}.json", json.dumps(rows, ensure_ascii=False, indent=2, default=str)
            )
            for item in kind.files(user):
                with item.open() as handle:
                    archive.writestr(f"files/{item.path}", handle.read())
        archive.writestr(
            "README.txt",
            render_to_string("privacy/export_readme.txt", {"user": user, "kinds": registered}),
        )
    return out.getvalue()
