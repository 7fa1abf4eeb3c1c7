from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import NOT_YOUR_OWN, GuardianConfirmForm, GuardianResendForm, ProfileForm
from .models import GuardianConsent
from .roles import ROLE_LABELS
from .selectors import can_participate
from .services import (
    GuardianEmailIsOwn,
    GuardianLinkExpired,
    GuardianLinkInvalid,
    GuardianLinkUsed,
    TooManyResends,
    guardian_consent_confirm,
    guardian_consent_from_token,
    guardian_consent_from_withdraw_token,
    guardian_consent_resend,
    guardian_consent_withdraw,
    user_update_profile,
)

# The blocked states a person ends by giving (or correcting) their guardian's email.
ASKS_GUARDIAN = {"guardian_consent_missing", "guardian_consent_pending"}


@login_required
def dashboard(request, resend_form=None, status=200):
    user = request.user
    consent = GuardianConsent.objects.filter(user=user).first()
    roles = [ROLE_LABELS[g.name] for g in user.groups.all() if g.name in ROLE_LABELS]
    if resend_form is None:
        resend_form = GuardianResendForm(
            initial={"guardian_email": consent.guardian_email if consent else ""}
        )
    return render(
        request,
        "accounts/dashboard.html",
        {
            "participation": can_participate(user),
            "consent": consent,
            "roles": roles,
            "resend_form": resend_form,
        },
        status=status,
    )


@login_required
@require_POST
def guardian_resend(request):
    """A refusal shows the dashboard again with the form as it was typed and the reason."""
    form = GuardianResendForm(request.POST)
    if not form.is_valid():
        return dashboard(request, resend_form=form, status=400)
    try:
        guardian_consent_resend(
            user=request.user, guardian_email=form.cleaned_data["guardian_email"]
        )
    except GuardianEmailIsOwn:
        form.add_error("guardian_email", NOT_YOUR_OWN)
        return dashboard(request, resend_form=form, status=400)
    except TooManyResends:
        form.add_error(
            None,
            _(
                "You have sent the link too often in the last hour. Please wait an hour, then "
                "send it again."
            ),
        )
        return dashboard(request, resend_form=form, status=429)
    messages.success(request, _("We sent a new link to your parent or guardian."))
    return redirect("accounts:dashboard")


@login_required
def profile_edit(request):
    """Display name, city, language and, while consent is awaited, the guardian's email. What was
    typed stays on the page when something is refused."""
    user = request.user
    consent = GuardianConsent.objects.filter(user=user).first()
    asks_guardian = can_participate(user).code in ASKS_GUARDIAN
    initial = {
        "display_name": user.display_name,
        "city": user.city,
        "preferred_language": user.preferred_language,
        "guardian_email": consent.guardian_email if consent else "",
    }
    form = ProfileForm(
        request.POST or None, initial=initial, user=user, asks_guardian=asks_guardian
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if asks_guardian and data["guardian_email"] != initial["guardian_email"]:
            try:
                guardian_consent_resend(user=user, guardian_email=data["guardian_email"])
            except TooManyResends:
                form.add_error(
                    "guardian_email",
                    _("You have sent the link too often in the last hour. Please wait an hour."),
                )
                return render(request, "accounts/profile_edit.html", {"form": form}, status=429)
        user_update_profile(
            user=user,
            display_name=data["display_name"],
            city=data["city"],
            preferred_language=data["preferred_language"],
        )
        # The next page already speaks the language just chosen.
        with translation.override(user.preferred_language):
            messages.success(request, _("Your profile is saved."))
            return redirect(reverse("accounts:dashboard"))
    status = 400 if form.errors else 200
    return render(request, "accounts/profile_edit.html", {"form": form}, status=status)


def _link_problem(request, error):
    if isinstance(error, GuardianLinkUsed):
        context, status = {"problem": "used", "consent": error.consent}, 200
    elif isinstance(error, GuardianLinkExpired):
        context, status = {"problem": "expired", "consent": error.consent}, 410
    else:
        context, status = {"problem": "invalid"}, 404
    return render(request, "accounts/guardian_link_problem.html", context, status=status)


def guardian_confirm(request, token):
    """The guardian's page. Opening the link changes nothing (mail scanners open links); the
    guardian confirms with their name."""
    link_errors = (GuardianLinkUsed, GuardianLinkExpired, GuardianLinkInvalid)
    try:
        consent = guardian_consent_from_token(token)
        form = GuardianConfirmForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            consent = guardian_consent_confirm(
                token=token,
                guardian_name=form.cleaned_data["guardian_name"],
                language=request.LANGUAGE_CODE,
            )
            return render(request, "accounts/guardian_confirmed.html", {"consent": consent})
    except link_errors as error:
        return _link_problem(request, error)
    return render(
        request, "accounts/guardian_confirm.html", {"form": form, "young_person": consent.user}
    )


def guardian_withdraw(request, token):
    """From the guardian's copy of their consent. Opening the link changes nothing; the guardian
    confirms with a button."""
    try:
        consent = guardian_consent_from_withdraw_token(token)
        if request.method == "POST":
            guardian_consent_withdraw(token=token)
            return render(request, "accounts/guardian_withdrawn.html", {"consent": consent})
    except GuardianLinkInvalid:
        return render(
            request, "accounts/guardian_link_problem.html", {"problem": "invalid"}, status=404
        )
    return render(request, "accounts/guardian_withdraw.html", {"young_person": consent.user})


def _to_allauth(request, url_name: str, default_next: str):
    """Send a visitor to allauth's page of the same purpose, keeping where they were going.
    allauth checks that `next` stays on this site."""
    target = reverse(url_name)
    next_url = request.GET.get("next") or default_next
    if next_url:
        target = f"{target}?{urlencode({'next': next_url})}"
    return redirect(target)


def admin_login(request):
    """The Wagtail admin's own login would skip MFA and the rate limits: one door, allauth's.
    A POST of a password here logs nobody in."""
    return _to_allauth(request, "account_login", "/admin/")


def admin_password_reset(request):
    return _to_allauth(request, "account_reset_password", "")


def frontend_login(request):
    """Wagtail's front-end login (private pages) goes through the same door."""
    return _to_allauth(request, "account_login", "")
