"""Reads across modules: a module in the reader's language, the training index, certificates."""

from .models import Certificate, TrainingIndexPage, TrainingModulePage


def module_in_language(key, language_code: str) -> TrainingModulePage | None:
    """The module in the reader's language, else in any language it is published in."""
    translations = {
        page.locale.language_code: page
        for page in TrainingModulePage.objects.live()
        .filter(translation_key=key)
        .select_related("locale")
    }
    return translations.get(language_code) or next(iter(translations.values()), None)


def training_index_for(language_code: str) -> TrainingIndexPage | None:
    """The training index in that language, else in any, in one query (one index a language)."""
    indexes = {
        page.locale.language_code: page
        for page in TrainingIndexPage.objects.live().select_related("locale").order_by("path")
    }
    return indexes.get(language_code) or next(iter(indexes.values()), None)


def certificates_of(user, language_code: str) -> list[tuple[Certificate, TrainingModulePage]]:
    """The person's certificates, newest first, each with its module in the reader's language
    (else any language it is published in), in two queries."""
    certificates = list(Certificate.objects.filter(user=user).order_by("-issued_at"))
    pages: dict = {}
    for page in (
        TrainingModulePage.objects.live()
        .filter(translation_key__in=[c.module_key for c in certificates])
        .select_related("locale")
    ):
        if page.translation_key not in pages or page.locale.language_code == language_code:
            pages[page.translation_key] = page
    return [(c, pages[c.module_key]) for c in certificates if c.module_key in pages]


def certificate_of(user, token) -> Certificate | None:
    """The certificate at that address if it is this person's own, else None (anonymous
    included): the one rule for who may download a certificate as a PDF."""
    if not user.is_authenticated:
        return None
    return Certificate.objects.select_related("user").filter(token=token, user=user).first()
