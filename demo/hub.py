"""The Online Hub's demo: members (one approved through an application, one waiting), members'
documents with words inside them (published, members-only, waiting for review, and one without
searchable text), and a members-only resource. Everything through the hub's services."""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.models import Resource
from demo.files import docx_with_text, pdf_with_text
from hub.models import MemberDocument
from hub.services import (
    document_extract_text,
    document_review,
    document_upload,
    membership_apply,
    membership_approve,
)
from youthcities.accounts.models import User
from youthcities.accounts.services import user_complete_profile
from youthcities.network.cities.models import City

# email, display name, legal name, city slug, language, organisation, role, reason, approve?
MEMBERS = [
    (
        "saida.officer@example.org",
        "Saida youth office",
        "Rania Khoury",
        "saida",
        "ar",
        "Municipality of Saida",
        "Youth policy officer",
        "We are writing our youth strategy and want to learn from cities that run mentoring.",
        True,
    ),
    (
        "dakar.practitioner@example.org",
        "Dakar youth NGO",
        "Awa Ndiaye",
        "dakar",
        "fr",
        "Jeunesse Active Dakar",
        "Coordinatrice",
        "Nous animons des ateliers de quartier et voulons partager nos évaluations.",
        False,
    ),
]

# uploader email, title, summary, kind, themes, city slug, language, visibility, paragraphs, decision
DOCUMENTS = [
    (
        "saida.officer@example.org",
        "Saida youth strategy 2026-2030",
        "The municipality's plan for young people: mentoring, youth councils and safe spaces.",
        "strategy",
        ["civic_participation", "inclusion"],
        "saida",
        "en",
        "members",
        [
            "Saida youth strategy 2026-2030",
            "Pillar one: a mentoring programme pairs young people with municipal staff.",
            "Pillar two: youth councils in every neighbourhood meet the mayor twice a year.",
            "Pillar three: safe spaces for dialogue between communities after the clashes.",
        ],
        "published",
    ),
    (
        "municipal@example.org",
        "Zarqa evaluation of the youth radio",
        "What a year of youth radio changed in how young people talk about their neighbours.",
        "evaluation",
        ["hate_speech", "media_literacy"],
        "zarqa",
        "en",
        "public",
        [
            "Evaluation of the Zarqa youth radio",
            "Listeners reported fewer rumours about refugees after the call-in shows.",
            "Recommendation: train more young presenters in fact checking.",
        ],
        "published",
    ),
    (
        "saida.officer@example.org",
        "Case study: the harbour mural",
        "How a painted wall became a conversation between young people and the council.",
        "case_study",
        ["polarisation"],
        "saida",
        "en",
        "members",
        ["The harbour mural", "A thousand wishes painted, then read aloud at the council."],
        "submitted",
    ),
]


def seed_hub() -> None:
    cities = {city.slug: city for city in City.objects.all()}
    staff = User.objects.get(email="staff@example.org")
    for row in MEMBERS:
        _member(row, cities, staff)
    for row in DOCUMENTS:
        _document(row, cities, staff)
    # One of the library's resources is for members only: everyone sees it exists.
    report = Resource.objects.filter(kind="report").order_by("pk").first()
    if report is not None and not report.members_only:
        report.members_only = True
        report.save(update_fields=["members_only"])


def _member(row, cities, staff) -> None:
    email, display, legal, city, language, organisation, role, reason, approve = row
    if User.objects.filter(email=email).exists():
        return
    user = User.objects.create_user(
        email=email, password=settings.DEMO_PASSWORD, display_name=display
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    user_complete_profile(
        user=user,
        display_name=display,
        legal_name=legal,
        date_of_birth=datetime.date(1988, 3, 1),
        country=cities[city].country,
        city=cities[city].name,
        preferred_language=language,
        guardian_email="",
    )
    application = membership_apply(
        user=user, city=cities[city], organisation=organisation, role=role, reason=reason
    )
    if approve:
        membership_approve(application=application, actor=staff, note="")


def _document(row, cities, staff) -> None:
    email, title, summary, kind, themes, city, language, visibility, paragraphs, decision = row
    if MemberDocument.objects.filter(title=title).exists():
        return
    content = pdf_with_text(*paragraphs) if kind != "evaluation" else docx_with_text(*paragraphs)
    name = "document.pdf" if kind != "evaluation" else "document.docx"
    document = document_upload(
        uploaded_by=User.objects.get(email=email),
        upload=SimpleUploadedFile(name, content, content_type="application/octet-stream"),
        title=title,
        summary=summary,
        kind=kind,
        themes=themes,
        city=cities[city],
        language=language,
        visibility=visibility,
    )
    document_extract_text(document=document)
    if decision != "submitted":
        document_review(document=document, actor=staff, decision=decision)
