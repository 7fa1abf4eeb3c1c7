"""The reviewer's pages on the portal: the dashboard of assignments, the conflict declaration,
and the scoring form. Every view checks that the assignment is the reviewer's own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grants.applications.selectors import answer_rows, document_names, identity_hidden_from
from grants.errors import GrantError
from grants.review.forms import DeclarationForm, ScoreForm
from grants.review.selectors import assignment_for, assignments_of
from grants.review.services import InvalidScores, assignment_declare, review_save
from youthcities.accounts.roles import REVIEWER
from youthcities.accounts.selectors import has_role


def _reviewer_only(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not has_role(request.user, REVIEWER):
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _own_assignment(request, pk):
    assignment = assignment_for(request.user, pk)
    if assignment is None:
        raise Http404
    return assignment


@_reviewer_only
def dashboard(request):
    assignments = list(assignments_of(request.user))
    calls = {}
    for assignment in assignments:
        calls.setdefault(assignment.application.call, []).append(assignment)
    groups = []
    for call, items in calls.items():
        # What is left to do comes first; submitted and released ones after.
        items.sort(key=lambda a: _review_status(a) == "submitted" or a.state == "conflicted")
        done = sum(1 for a in items if _review_status(a) == "submitted")
        active = [a for a in items if a.state != a.State.CONFLICTED]
        groups.append(
            {
                "call": call,
                "assignments": items,
                "done": done,
                "total": len(active),
                "percent": int(100 * done / len(active)) if active else 100,
            }
        )
    return render(
        request, "grants/review/dashboard.html", {"groups": groups, "now": timezone.now()}
    )


def _review_status(assignment) -> str:
    review = getattr(assignment, "review", None)
    return review.status if review else ""


@_reviewer_only
def assignment_detail(request, pk):
    """Before the declaration: the title and the declaration form. After "no conflict": the
    application (without identity on a blind call) and the scoring form."""
    assignment = _own_assignment(request, pk)
    application = assignment.application
    call = application.call
    context = {"assignment": assignment, "application": application, "call": call}
    if assignment.state == assignment.State.PENDING:
        context["form"] = DeclarationForm()
        return render(request, "grants/review/declare.html", context)
    if not assignment.can_score:
        return render(request, "grants/review/conflicted.html", context)

    review = getattr(assignment, "review", None)
    criteria = list(call.criteria.all())
    form = ScoreForm(request.POST or None, criteria=criteria, review=review)
    review_open = call.review_is_open()
    # A file answering a question is shown with its answer, not among the documents.
    documents = [d for d in application.attachments.all() if d.kind != d.Kind.ANSWER]
    names = document_names(request.user, application, documents)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            review = review_save(
                assignment=assignment,
                reviewer=request.user,
                scores=form.score_inputs(),
                recommendation=form.cleaned_data["recommendation"],
                comment=form.cleaned_data["comment"],
                submit=submit,
            )
        except InvalidScores as error:
            form.show_problems(error.problems)
        except GrantError as error:
            messages.error(request, error.message)
        else:
            if review.status == review.Status.SUBMITTED:
                messages.success(
                    request,
                    _("Your review of %(reference)s is submitted. You can change it until the "
                      "review closes.") % {"reference": application.reference},
                )  # fmt: skip
                return redirect("grants_review:dashboard")
            messages.success(request, _("Your scores are saved as a draft."))
            return redirect("grants_review:assignment", pk=assignment.pk)
    context.update(
        form=form,
        review=review,
        review_open=review_open,
        blind=call.blind_review,
        lines=list(application.budget_lines.all()),
        documents=[(document, names[document.pk]) for document in documents],
        # The call's own questions; what identifies the applicant stays hidden on a blind call.
        answers=_answers_with_files(request.user, application),
        co_applicants=[] if call.blind_review else list(application.co_applicants.all()),
    )
    return render(request, "grants/review/score.html", context)


def _answers_with_files(user, application) -> list[dict]:
    rows = answer_rows(application, hide_identifying=identity_hidden_from(user, application))
    files = {a.pk: a for a in application.attachments.all() if a.kind == a.Kind.ANSWER}
    names = document_names(user, application, list(files.values()))
    for row in rows:
        document = files.get(row["attachment"])
        row["document"] = document
        if document is not None:
            row["text"] = names[document.pk]
    return rows


@_reviewer_only
@require_POST
def declare(request, pk):
    assignment = _own_assignment(request, pk)
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        context = {
            "assignment": assignment,
            "application": assignment.application,
            "call": assignment.application.call,
            "form": form,
        }
        return render(request, "grants/review/declare.html", context, status=400)
    try:
        assignment = assignment_declare(
            assignment=assignment,
            reviewer=request.user,
            conflict=form.cleaned_data["conflict"],
            reason=form.cleaned_data["reason"],
        )
    except GrantError as error:
        messages.error(request, error.message)
        return redirect("grants_review:assignment", pk=assignment.pk)
    if assignment.state == assignment.State.CONFLICTED:
        messages.info(
            request,
            _("Thank you. The application is released and staff will give it to someone else."),
        )
        return redirect("grants_review:dashboard")
    return redirect("grants_review:assignment", pk=assignment.pk)
