"""Recording progress (POSTs from a module's pages), a person's certificates, and the public
certificate a URL verifies. A module's own pages are served by its Wagtail page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .certificate_pdf import certificate_pdf as draw_certificate_pdf
from .errors import TrainingError
from .forms import QuizForm
from .models import Certificate, TrainingModulePage
from .selectors import certificate_of, certificates_of, module_in_language


def _module(page_id) -> TrainingModulePage:
    return get_object_or_404(TrainingModulePage.objects.live(), pk=page_id)


def _sign_in_first(request, module):
    """Anonymous visitors read every lesson; recording progress asks them to sign in and
    brings them back to the module."""
    return redirect_to_login(module.get_url(request))


@require_POST
def lesson_done(request, page_id, lesson_id):
    """ "Mark as done and continue": to the next lesson, or to the quiz after the last one."""
    module = _module(page_id)
    if not request.user.is_authenticated:
        return _sign_in_first(request, module)
    try:
        services.lesson_complete(user=request.user, module=module, lesson_id=lesson_id)
    except TrainingError as error:
        raise Http404(error.message) from error
    number = module.lesson_ids.index(lesson_id) + 1
    route = (
        module.reverse_subpage("lesson", args=[number + 1])
        if number < len(module.lesson_ids)
        else module.reverse_subpage("quiz_page")
    )
    return HttpResponseRedirect(module.get_url(request) + route)


@require_POST
def quiz_submit(request, page_id):
    module = _module(page_id)
    if not request.user.is_authenticated:
        return _sign_in_first(request, module)
    form = QuizForm(request.POST, module=module)
    if not form.is_valid():
        return module.quiz_page(request, form=form, status=400)
    try:
        outcome = services.quiz_submit(user=request.user, module=module, answers=form.answers())
    except TrainingError as error:
        messages.error(request, error.message)
        return module.quiz_page(request, form=form, status=400)
    if outcome.newly_certified:
        messages.success(request, _("You passed. Your certificate is ready."))
    return HttpResponseRedirect(module.get_url(request) + module.reverse_subpage("quiz_page"))


@login_required
def my_training(request):
    return render(
        request,
        "training/my_training.html",
        {"certificates": certificates_of(request.user, request.LANGUAGE_CODE)},
    )


def certificate(request, token):
    """Public: anyone with the address can check the certificate. It shows the display name,
    never the legal name; an address that names no certificate is a 404."""
    certificate = get_object_or_404(Certificate.objects.select_related("user"), token=token)
    module = module_in_language(certificate.module_key, request.LANGUAGE_CODE)
    if module is None:
        raise Http404
    return render(
        request,
        "training/certificate.html",
        {"certificate": certificate, "module": module},
    )


def certificate_pdf(request, token):
    """The person's own certificate as a PDF, in the language of the address. Anyone else,
    signed in or not, gets the 404 of an address that names nothing: the public proof is the
    HTML page, whose absolute address the PDF prints (from BASE_URL, as in emails: the file
    leaves this request and must point at the portal's real address)."""
    certificate = certificate_of(request.user, token)
    if certificate is None:
        raise Http404
    module = module_in_language(certificate.module_key, request.LANGUAGE_CODE)
    if module is None:
        raise Http404
    verify_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "training:certificate", args=[certificate.token]
    )
    filename = f"certificate-{module.slug}.pdf"
    return HttpResponse(
        draw_certificate_pdf(certificate=certificate, module=module, verify_url=verify_url),
        content_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition_header(True, filename),
            "Cache-Control": "private, no-store",
        },
    )
