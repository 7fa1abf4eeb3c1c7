"""Staff's decision on an application (approve with an amount, decline, ask for more): the
one change of its outcome, audited, the applicant told in their language, an approval made
into an award."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Sum,
)
from django.utils import translation
from django.utils.translation import gettext as _

from grants.applications.lifecycle import APPLICATION
from grants.applications.models import Application
from grants.awards.services import award_create
from grants.calls.services import ranking_touch
from grants.decisions.letters import check_placeholders, letter_fill
from grants.decisions.models import Decision, LetterTemplate
from grants.errors import GrantError, NotAllowed
from grants.permissions import require_role
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.audit.services import audit_record
from youthcities.money import format_money, minor_units
from youthcities.notify import notify


class BadAmount(GrantError):
    pass


class BadLetter(GrantError):
    pass


# --- Letters ---------------------------------------------------------------------------------


def letter_template_for(application: Application, outcome: str) -> LetterTemplate | None:
    """The call's letter for this decision in the applicant's language, else in English."""
    language = application.applicant.preferred_language or "en"
    templates = {
        t.language: t
        for t in LetterTemplate.objects.filter(
            call_id=application.call_id, outcome=outcome, language__in={language, "en"}
        )
    }
    return templates.get(language) or templates.get("en")


def letter_for(
    *, application: Application, outcome: str, amount=None, feedback: str = "", edited: str = ""
) -> str:
    """The letter sent with a decision: the one staff edited for this applicant, or the call's
    for the decision, with its placeholders filled in the applicant's language. Empty when the
    call has none (the standard email is sent). The feedback is never lost: a letter without
    {feedback} has it added at the end."""
    if outcome == Decision.Outcome.SHORTLIST:
        return ""
    text = edited.strip()
    if text:
        try:
            check_placeholders(text)
        except ValidationError as error:
            raise BadLetter(error.messages[0]) from None
    else:
        template = letter_template_for(application, outcome)
        text = template.body if template else ""
    if not text:
        return ""
    with translation.override(application.applicant.preferred_language or "en"):
        values = {
            "name": application.applicant.display_name,
            "reference": application.reference or "",
            "amount": format_money(amount, application.call.currency) if amount else "",
            "feedback": feedback.strip(),
        }
    letter = letter_fill(text, values)
    if feedback.strip() and "{feedback}" not in text:
        letter = f"{letter}\n\n{feedback.strip()}"
    return letter


# --- Decisions -------------------------------------------------------------------------------


def requested_amount(application: Application) -> Decimal:
    return application.budget_lines.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def award_amount_check(application: Application, amount) -> Decimal:
    """The amount to award, refused (`BadAmount`) when it is not positive, has too many decimals,
    or exceeds what was requested or the call's maximum: asked before the confirmation and again
    in `application_decide`."""
    call = application.call
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise BadAmount(_("Give the amount to award.")) from None
    digits = minor_units(call.currency)
    if amount <= 0:
        raise BadAmount(_("The amount must be more than zero."))
    if amount != round(amount, digits):
        raise BadAmount(
            _("%(currency)s amounts have at most %(digits)d decimals.")
            % {"currency": call.currency, "digits": digits}
        )
    requested = requested_amount(application)
    if amount > requested:
        raise BadAmount(
            _("The amount is more than the %(requested)s requested.")
            % {"requested": format_money(requested, call.currency)}
        )
    if amount > call.max_amount:
        raise BadAmount(
            _("The amount is more than the call's maximum of %(maximum)s.")
            % {"maximum": format_money(call.max_amount, call.currency)}
        )
    return amount


def application_decide(
    *,
    application: Application,
    actor,
    outcome: str,
    amount=None,
    message: str = "",
    award_terms: dict | None = None,
    letter: str = "",
) -> Decision:
    """Shortlist, approve (with the amount to award), decline, or ask for more information.
    The applicant is told in their language. An approval makes the award (`award_create`),
    with `award_terms` (schedule, report due dates) when staff set them. The call's letter for
    the decision (or `letter`, edited for this applicant) goes with the email."""
    require_role(actor, PROGRAMME_STAFF)
    if outcome not in Decision.Outcome.values:
        raise NotAllowed()
    with transaction.atomic():
        current = (
            Application.objects.select_for_update()
            .select_related("call", "applicant")
            .get(pk=application.pk)
        )
        if not APPLICATION.can_move(current.status, outcome, PROGRAMME_STAFF):
            raise NotAllowed(
                _("This application is %(status)s: it cannot be given this decision.")
                % {"status": current.get_status_display().lower()}
            )
        awarded = None
        if outcome == Decision.Outcome.APPROVE:
            awarded = award_amount_check(current, amount)
            current.awarded_amount = awarded
        current.status = outcome
        current.save(update_fields=["status", "awarded_amount", "updated_at"])
        ranking_touch(current.call_id, applications=[current.pk])
        decision = Decision.objects.create(
            application=current,
            outcome=outcome,
            amount=awarded,
            message=message.strip(),
            letter=letter_for(
                application=current,
                outcome=outcome,
                amount=awarded,
                feedback=message,
                edited=letter,
            ),
            decided_by=actor,
        )
        if outcome == Decision.Outcome.APPROVE:
            award_create(application=current, actor=actor, **(award_terms or {}))
        audit_record(
            actor=actor,
            action=f"application.{outcome}",
            target=current,
            data={"amount": str(awarded) if awarded is not None else None},
        )
        if outcome != Decision.Outcome.SHORTLIST:  # a shortlist is internal
            notify(
                [current.applicant],
                "grants/email/decision",
                {"application": current, "decision": decision, "call": current.call},
                link=("grants:my_applications", []),
            )
    return decision
