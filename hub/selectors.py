"""Reads of the hub: who is a member, which documents a person may see, and the search that
finds words inside them with the passage that matched."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from youthcities.accounts.roles import HUB_MEMBER, MUNICIPAL, PROGRAMME_STAFF
from youthcities.accounts.selectors import has_role

from .models import MemberDocument, MembershipApplication, Visibility

# Municipal staff are members by default; programme staff run the hub.
MEMBER_ROLES = (HUB_MEMBER, MUNICIPAL, PROGRAMME_STAFF)
PER_PAGE = 12
# Around the match: this many characters each side (SQLite), words (PostgreSQL).
PASSAGE_CHARS = 120
START, STOP = "\x02", "\x03"  # never in extracted text (control characters are cleaned)


def is_member(user) -> bool:
    return any(has_role(user, role) for role in MEMBER_ROLES)


def membership_of(user) -> MembershipApplication | None:
    """The person's latest application, if any."""
    if not user.is_authenticated:
        return None
    return MembershipApplication.objects.filter(user=user).order_by("-created_at").first()


def membership_queue() -> QuerySet[MembershipApplication]:
    return MembershipApplication.objects.filter(
        status=MembershipApplication.Status.PENDING
    ).select_related("user", "city")


def documents_listed() -> QuerySet[MemberDocument]:
    """Published documents, members-only ones included: everyone may know they exist (title,
    summary, "Members only"); only members get their files."""
    return MemberDocument.objects.filter(status=MemberDocument.Status.PUBLISHED).select_related(
        "city"
    )


def document_readable_by(user, document: MemberDocument) -> bool:
    """The file: its uploader and staff always; others once published, members-only for
    members."""
    if user.is_authenticated and (
        document.uploaded_by_id == user.pk or has_role(user, PROGRAMME_STAFF)
    ):
        return True
    if document.status != MemberDocument.Status.PUBLISHED:
        return False
    return document.visibility == Visibility.PUBLIC or is_member(user)


def documents_of(user) -> QuerySet[MemberDocument]:
    return MemberDocument.objects.filter(uploaded_by=user).select_related("city")


def review_queue() -> QuerySet[MemberDocument]:
    return MemberDocument.objects.filter(status=MemberDocument.Status.SUBMITTED).select_related(
        "uploaded_by", "city"
    )


@dataclass
class DocumentHit:
    document: MemberDocument
    passage: SafeString  # escaped text, the matched words in <mark>


def documents_search(
    *,
    query: str = "",
    theme: str = "",
    city=None,
    region: str = "",
    language: str = "",
    member: bool = False,
) -> list[DocumentHit]:
    """Published documents matching the words and the filters, best first, each with the
    passage where the words are: one query. Members search the text inside every file; others
    the text inside public files and only the title and summary of members-only ones (whose
    summary stands for the passage), so nothing inside a members-only file reaches them."""
    documents = documents_listed()
    if theme:
        documents = documents.filter(themes__contains=f",{theme},")
    if city is not None:
        documents = documents.filter(city=city)
    if region:
        documents = documents.filter(city__region=region)
    if language:
        documents = documents.filter(language=language)
    query = query.strip()
    if not query:
        return [
            DocumentHit(document, _summary_passage(document)) for document in documents[:PER_PAGE]
        ]
    if connection.vendor == "postgresql":
        return _search_postgres(documents, query, member=member)
    return _search_fallback(documents, query, member=member)


def _search_postgres(documents, query: str, *, member: bool) -> list[DocumentHit]:
    search = SearchQuery(query, search_type="websearch", config="simple")
    if member:
        documents = documents.filter(search_vector=search)
    else:
        documents = documents.annotate(
            outside=SearchVector("title", "summary", config="simple")
        ).filter(
            Q(visibility=Visibility.PUBLIC, search_vector=search)
            | Q(visibility=Visibility.MEMBERS, outside=search)
        )
    hits = (
        documents.annotate(rank=SearchRank(F("search_vector"), search))
        .annotate(
            headline=SearchHeadline(
                "text",
                search,
                config="simple",
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=1,
            )
        )
        .defer("text")
        .order_by("-rank", "-published_at")[:PER_PAGE]
    )
    results = []
    for document in hits:
        inside = member or document.visibility == Visibility.PUBLIC
        passage = _marked(document.headline) if inside and START in document.headline else None
        results.append(DocumentHit(document, passage or _summary_passage(document, query)))
    return results


def _search_fallback(documents, query: str, *, member: bool) -> list[DocumentHit]:
    """SQLite: every word in the title, summary or text (case-insensitive), newest first."""
    words = [word for word in re.split(r"\s+", query) if word][:8]
    readable = Q() if member else Q(visibility=Visibility.PUBLIC)
    for word in words:
        documents = documents.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | readable & Q(text__icontains=word)
        )
    hits = []
    for document in documents[:PER_PAGE]:
        inside = member or document.visibility == Visibility.PUBLIC
        passage = _passage(document.text, words) if inside else None
        hits.append(DocumentHit(document, passage or _summary_passage(document, query)))
    return hits


def _passage(text: str, words: list[str]) -> SafeString | None:
    lowered = text.lower()
    positions = [lowered.find(word.lower()) for word in words]
    positions = [p for p in positions if p >= 0]
    if not positions:
        return None
    start = max(0, min(positions) - PASSAGE_CHARS)
    end = min(len(text), min(positions) + PASSAGE_CHARS)
    excerpt = text[start:end]
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    marked = pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", excerpt)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return _marked(prefix + marked + suffix)


def _summary_passage(document, query: str = "") -> SafeString:
    found = _passage(document.summary, query.split()) if query else None
    return found or mark_safe(escape(document.summary))  # noqa: S308


def _marked(text: str) -> SafeString:
    """Escape the document's text, then turn the markers into <mark>: nothing in a document
    can inject markup."""
    safe = escape(" ".join(text.split()))
    return mark_safe(safe.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308
