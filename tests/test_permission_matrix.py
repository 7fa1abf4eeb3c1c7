"""Every URL the portal answers, the Wagtail admin's included, opened by every kind of person:
nothing but the expected people get a 2xx. The URLs come from walking the resolver, so a new URL
without an entry in RULES fails this test until someone decides who may open it.

GET only: a URL that changes state answers GET with no 2xx for anyone (state changes are POSTs
with CSRF, tested where they are built)."""

import datetime
import re
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.factories.accounts import UserFactory

PERSONAS = (
    "anonymous",
    "applicant",  # the lead applicant; in the demo also a youth activist (writes campaigns)
    "other_applicant",
    "unverified_coapplicant",  # signed up with the invited address, never verified it
    "minor",
    "reviewer",
    "conflicted_reviewer",
    "staff",
    "finance",
    "moderator",
    "municipal",
)
EVERYONE = frozenset(PERSONAS)
SIGNED_IN = EVERYONE - {"anonymous"}
NOBODY = frozenset()
# People who work in the Wagtail admin (the demo's young applicants write campaigns there).
ADMIN = frozenset({"staff", "finance", "moderator", "applicant", "minor"})
# People whose role needs a second factor (the demo gave them one).
WITH_MFA = frozenset(
    {"reviewer", "conflicted_reviewer", "staff", "finance", "moderator", "municipal"}
)


def only(*names):
    unknown = set(names) - EVERYONE
    assert not unknown, unknown
    return frozenset(names)


# Our own URLs, by name: who may get a 2xx, and how to build the URL from the world.
# A URL template names the world's objects in braces.
RULES: dict[str, tuple[frozenset, str]] = {
    "root": (NOBODY, "/"),  # a redirect to the reader's language
    "healthz": (EVERYONE, "/healthz"),
    "favicon": (NOBODY, "/favicon.ico"),  # a redirect to the static icon
    "bench_bare": (EVERYONE, "/bench/bare/"),  # DEBUG/TESTING/BENCH only
    "stripe_webhook": (NOBODY, "/stripe/webhook/"),  # POST from Stripe, signed
    "wagtaildocs_serve": (EVERYONE, "/documents/{resource_doc_id}/{resource_doc_name}"),
    "wagtaildocs_authenticate_with_password": (NOBODY, "/documents/authenticate_with_password/1/"),
    # The doors in: one, allauth's.
    "admin_login_redirect": (NOBODY, "/admin/login/"),
    "admin_password_reset_redirect": (NOBODY, "/admin/password_reset/"),
    "frontend_login_redirect": (NOBODY, "/en/_util/login/"),
    "wagtailcore_login": (NOBODY, "/en/_util/login/"),  # shadowed by the redirect above
    "wagtailcore_authenticate_with_password": (NOBODY, "/en/_util/authenticate_with_password/1/1/"),
    # allauth: anonymous pages (a signed-in person is sent on), and the person's own pages.
    "account_login": (only("anonymous"), "/en/account/login/"),
    "account_signup": (only("anonymous"), "/en/account/signup/"),
    "account_reset_password": (EVERYONE, "/en/account/password/reset/"),
    "account_reset_password_done": (EVERYONE, "/en/account/password/reset/done/"),
    "account_reset_password_from_key": (EVERYONE, "/en/account/password/reset/key/1-x/"),
    "account_reset_password_from_key_done": (EVERYONE, "/en/account/password/reset/key/done/"),
    "account_confirm_email": (EVERYONE, "/en/account/confirm-email/not-a-key/"),
    "account_email_verification_sent": (EVERYONE, "/en/account/confirm-email/"),
    "account_confirm_login_code": (NOBODY, "/en/account/login/code/confirm/"),
    "account_inactive": (EVERYONE, "/en/account/inactive/"),
    "account_logout": (SIGNED_IN, "/en/account/logout/"),  # a confirmation; logging out is a POST
    "account_reauthenticate": (SIGNED_IN, "/en/account/reauthenticate/"),
    "account_email": (SIGNED_IN, "/en/account/email/"),
    "account_change_password": (SIGNED_IN, "/en/account/password/change/"),
    "account_set_password": (NOBODY, "/en/account/password/set/"),  # everyone has one
    "mfa_index": (SIGNED_IN, "/en/account/2fa/"),
    "mfa_authenticate": (NOBODY, "/en/account/2fa/authenticate/"),  # only during a login
    "mfa_reauthenticate": (WITH_MFA, "/en/account/2fa/reauthenticate/"),
    "mfa_activate_totp": (NOBODY, "/en/account/2fa/totp/activate/"),
    "mfa_deactivate_totp": (NOBODY, "/en/account/2fa/totp/deactivate/"),
    "mfa_view_recovery_codes": (NOBODY, "/en/account/2fa/recovery-codes/"),
    "mfa_generate_recovery_codes": (NOBODY, "/en/account/2fa/recovery-codes/generate/"),
    "mfa_download_recovery_codes": (NOBODY, "/en/account/2fa/recovery-codes/download/"),
    "mfa_list_webauthn": (SIGNED_IN, "/en/account/2fa/webauthn/"),
    "mfa_add_webauthn": (NOBODY, "/en/account/2fa/webauthn/add/"),
    "mfa_reauthenticate_webauthn": (NOBODY, "/en/account/2fa/webauthn/reauthenticate/"),
    "mfa_remove_webauthn": (NOBODY, "/en/account/2fa/webauthn/keys/1/remove/"),
    "mfa_edit_webauthn": (NOBODY, "/en/account/2fa/webauthn/keys/1/edit/"),
    "mfa_login_webauthn": (NOBODY, "/en/account/2fa/webauthn/login/"),
    # Accounts
    "accounts:dashboard": (SIGNED_IN, "/en/my/"),
    "accounts:profile_edit": (SIGNED_IN, "/en/my/profile/"),
    "accounts:guardian_resend": (NOBODY, "/en/my/guardian/resend/"),
    "accounts:guardian_confirm": (NOBODY, "/en/guardian/not-a-token/"),
    # Reminders: choices and the calendar's new address are POSTs; the feed needs its secret.
    "reminders:preferences": (NOBODY, "/en/my/reminders/"),
    "reminders:calendar_renew": (NOBODY, "/en/my/calendar/renew/"),
    "reminders:calendar": (NOBODY, "/en/calendar/not-a-token.ics"),
    "accounts:guardian_withdraw": (NOBODY, "/en/guardian/withdraw/not-a-token/"),
    "campaigns_admin:safety": (
        only("applicant", "moderator"),
        "/admin/campaigns/{lead_campaign}/safety/",
    ),
    # Your data: each person's own page; the emailed download only for its owner.
    "privacy:data": (SIGNED_IN, "/en/account/data/"),
    "privacy:export_request": (NOBODY, "/en/account/data/download/"),  # a POST
    "privacy:download": (only("applicant"), "/en/account/data/download/{lead_export}/"),
    "privacy:delete": (SIGNED_IN, "/en/account/delete/"),
    "privacy_admin:people": (only("staff"), "/admin/personal-data/"),
    "audit_entries:index": (only("staff", "finance"), "/admin/audit/"),
    "audit_entries:index_results": (only("staff", "finance"), "/admin/audit/results/"),
    "privacy_admin:person": (only("staff"), "/admin/personal-data/{lead}/"),
    "privacy_admin:download": (only("staff"), "/admin/personal-data/downloads/{lead_export_id}/"),
    # Grants: public calls, the applicant's own things, reviewers' assignments.
    "grants:call_list": (EVERYONE, "/en/grants/"),
    "grants:call_detail": (EVERYONE, "/en/grants/{open_call}/"),
    "grants:apply": (NOBODY, "/en/grants/{open_call}/apply/"),
    # Each person opens their own draft of the call.
    "grants:apply_step": (SIGNED_IN, "/en/grants/{open_call}/apply/{lead_step}/"),
    "grants:my_applications": (SIGNED_IN, "/en/my/applications/"),
    "grants:application": (only("applicant"), "/en/my/applications/{lead_application}/"),
    "grants:withdraw": (NOBODY, "/en/my/applications/{lead_application}/withdraw/"),
    "grants:document": (only("applicant", "staff"), "{lead_document_url}"),
    "grants:award": (only("other_applicant"), "/en/my/awards/{award}/"),
    # Conversations: the team's side only (staff write in the admin; reviewers never see it).
    "grants:conversation": (only("applicant"), "/en/my/applications/{lead_application}/messages/"),
    "grants:award_conversation": (only("other_applicant"), "/en/my/awards/{award}/messages/"),
    "grants:message_file": (only("applicant", "staff"), "{lead_message_file_url}"),
    # The reviewers' discussion: the reviewer who submitted the assignment's review.
    "grants:discussion": (only("reviewer"), "/en/review/{discussed_assignment}/discussion/"),
    "grants:award_accept": (NOBODY, "/en/my/awards/{award}/accept/"),
    "grants:report": (only("other_applicant"), "/en/my/awards/{award}/reports/{report}/"),
    "grants:stripe_onboard": (NOBODY, "/en/my/awards/{award}/stripe/"),
    "grants:stripe_return": (NOBODY, "/en/my/awards/{award}/stripe/return/"),
    "grants:stripe_refresh": (NOBODY, "/en/my/awards/{award}/stripe/refresh/"),
    "grants_review:dashboard": (only("reviewer", "conflicted_reviewer"), "/en/review/"),
    "grants_review:assignment": (only("reviewer"), "/en/review/{assignment}/"),
    "grants_review:declare": (NOBODY, "/en/review/{assignment}/declare/"),
    # Labs, workshops, cities
    "network:workshops": (EVERYONE, "/en/workshops/"),
    "network:calendar": (EVERYONE, "/en/workshops/calendar.ics"),
    "network:workshop": (EVERYONE, "/en/workshops/{workshop}/"),
    "network:register": (NOBODY, "/en/workshops/{workshop}/register/"),
    "network:cancel": (NOBODY, "/en/workshops/{workshop}/cancel/"),
    "network:recommend": (NOBODY, "/en/workshops/{workshop}/recommend/"),
    "network:answer": (NOBODY, "/en/recommendations/{recommendation}/answer/"),
    "network:progress": (NOBODY, "/en/commitments/{commitment}/progress/"),
    "network:waiting_answers": (only("municipal"), "/en/my/answers/"),
    "network:city_calendar": (EVERYONE, "/en/cities/{city}/calendar.ics"),
    "network:follow": (NOBODY, "/en/follow/workshop/{workshop_id}/"),
    "network:unfollow": (NOBODY, "/en/unfollow/workshop/{workshop_id}/"),
    "network:notifications": (SIGNED_IN, "/en/my/notifications/"),
    "network:unsubscribe": (NOBODY, "/en/digest/unsubscribe/not-a-token/"),
    "campaigns:support": (EVERYONE, "/en/campaigns/{campaign}/support/"),
    "campaigns:report": (EVERYONE, "/en/campaigns/{campaign}/report/"),
    "campaigns:confirm": (NOBODY, "/en/campaigns/confirm/not-a-token/"),
    # The Online Hub: search for everyone, membership for the signed-in, documents for members
    # (municipal staff are members by default; programme staff run the hub).
    "hub:search": (EVERYONE, "/en/hub/"),
    "hub:apply": (SIGNED_IN, "/en/hub/membership/"),
    "hub:upload": (only("staff", "municipal"), "/en/hub/documents/new/"),
    "hub:my_documents": (SIGNED_IN, "/en/my/hub-documents/"),
    "hub:document_file": (only("staff", "municipal"), "/en/hub/documents/{hub_document}/file/"),
    # Training: the modules are Wagtail pages (wagtail_serve); recording progress is a POST;
    # a certificate is public to whoever has its unguessable address.
    "training:my_training": (SIGNED_IN, "/en/my/training/"),
    "training:lesson_done": (
        NOBODY,
        "/en/my/training/{training_module}/lessons/{training_lesson}/done/",
    ),
    "training:quiz_submit": (NOBODY, "/en/my/training/{training_module}/quiz/"),
    "training:certificate": (EVERYONE, "/en/certificates/{certificate}/"),
    # Its PDF only for its owner (the demo's applicant); anyone else gets a 404.
    "training:certificate_pdf": (
        only("applicant"),
        "/en/my/training/certificates/{certificate}/pdf/",
    ),
    # Introductions: members ask; only the counterpart opens the answer page (the demo offers
    # one to the municipal officer); noting an outcome is a POST.
    "hub:introduction_ask": (only("staff", "municipal"), "/en/hub/cities/{city}/put-me-in-touch/"),
    "hub:introduction_ask_initiative": (
        only("staff", "municipal"),
        "/en/hub/initiatives/workshop/{workshop_id}/put-me-in-touch/",
    ),
    # Members who work for a member city (the demo's Zarqa officer); staff speak for no city.
    "hub:contact": (only("municipal"), "/en/my/hub-contact/"),
    "hub:introduction_answer": (only("municipal"), "/en/hub/introductions/{introduction}/"),
    "hub:introduction_outcome": (NOBODY, "/en/hub/introductions/{introduction_pk}/outcome/"),
    "hub:my_introductions": (SIGNED_IN, "/en/my/introductions/"),
    # City profiles: anyone finds cities; only the city's own municipal staff edit its profile.
    "hub:find_cities": (EVERYONE, "/en/hub/cities/?theme=inclusion"),
    "hub:profile_edit": (only("municipal"), "/en/hub/cities/zarqa/profile/"),
    "cms:cities": (EVERYONE, "/en/cities/"),
    "cms:city": (EVERYONE, "/en/cities/{city}/"),
    "cms:city_commitments": (EVERYONE, "/en/cities/{city}/commitments/"),
    "wagtail_serve": (EVERYONE, "/en/campaigns/"),
    # Our admin screens
    "network_admin:participants": (
        only("staff"),
        "/admin/network/workshops/{workshop_id}/participants/",
    ),
    "grants_review_admin:ranking": (only("staff"), "/admin/grants/calls/{closed_call_id}/ranking/"),
    "grants_review_admin:calibration": (
        only("staff"),
        "/admin/grants/calls/{closed_call_id}/calibration/",
    ),
    "grants_review_admin:assign": (
        only("staff"),
        "/admin/grants/calls/{closed_call_id}/reviewers/",
    ),
    "grants_review_admin:unlock": (
        only("staff"),
        "/admin/grants/calls/{closed_call_id}/unlock-rubric/",
    ),
    "grants_review_admin:export_start": (NOBODY, "/admin/grants/calls/{closed_call_id}/export/"),
    "grants_review_admin:override": (
        NOBODY,
        "/admin/grants/assignments/{conflicted_assignment}/override/",
    ),
    "grants_review_admin:decide": (
        only("staff"),
        "/admin/grants/applications/{ranked_application}/decide/",
    ),
    "grants_review_admin:export": (only("staff"), "/admin/grants/exports/{export}/"),
    "grants_review_admin:export_download": (
        only("staff"),
        "/admin/grants/exports/{export}/download/",
    ),
    "grants_review_admin:batch_confirm": (NOBODY, "/admin/grants/calls/{closed_call_id}/batch/"),
    "grants_review_admin:batch_start": (
        NOBODY,
        "/admin/grants/calls/{closed_call_id}/batch/start/",
    ),
    "grants_review_admin:batch": (only("staff"), "/admin/grants/batches/{batch}/"),
    "grants_links_admin:links": (
        only("staff"),
        "/admin/grants/applications/{ranked_application}/links/",
    ),
    "grants_award_admin:awards": (only("staff", "finance"), "/admin/grants/awards/"),
    "grants_award_admin:award": (only("staff", "finance"), "/admin/grants/awards/{award}/"),
    "grants_award_admin:report_review": (NOBODY, "/admin/grants/reports/{report}/review/"),
    "grants_award_admin:tranche_pay": (NOBODY, "/admin/grants/tranches/{tranche}/pay/"),
    "grants_award_admin:tranche_payment": (
        only("staff", "finance"),
        "/admin/grants/tranches/{tranche}/payment/",
    ),
    "grants_award_admin:tranche_retry": (NOBODY, "/admin/grants/tranches/{tranche}/retry/"),
    "grants_award_admin:manual_record": (
        only("finance"),
        "/admin/grants/tranches/{tranche}/manual/",
    ),
    "grants_award_admin:manual_decide": (
        NOBODY,
        "/admin/grants/manual-payments/{manual_payment}/decide/",
    ),
    "grants_award_admin:file": (
        only("staff", "finance"),
        "/admin/grants/files/payment/{manual_payment}/",
    ),
    "grants_award_admin:finance": (only("finance"), "/admin/grants/finance/"),
    "grants_conversations_admin:inbox": (only("staff", "finance"), "/admin/grants/conversations/"),
    "grants_conversations_admin:application": (
        only("staff"),
        "/admin/grants/applications/{ranked_application}/conversation/",
    ),
    "grants_conversations_admin:award": (
        only("staff", "finance"),
        "/admin/grants/awards/{award}/conversation/",
    ),
    "grants_award_admin:ready_to_pay": (only("finance"), "/admin/grants/finance/ready-to-pay/"),
    "grants_award_admin:ledger_export": (only("finance"), "/admin/grants/finance/ledger.csv"),
    "grants_award_admin:reconcile": (NOBODY, "/admin/grants/finance/reconcile/"),
    "grants_award_admin:payout_countries": (
        only("finance"),
        "/admin/grants/finance/payout-countries/",
    ),
    "campaigns_admin:reports": (only("moderator"), "/admin/campaigns/reports/"),
    "campaigns_admin:report": (only("moderator"), "/admin/campaigns/reports/{campaign}/"),
    "campaigns_admin:supporters": (
        only("applicant"),
        "/admin/campaigns/{lead_campaign}/supporters.csv",
    ),
    "hub_admin:memberships": (only("staff"), "/admin/hub/memberships/"),
    "hub_admin:reviews": (only("staff"), "/admin/hub/documents/"),
    "hub_admin:review": (only("staff"), "/admin/hub/documents/{hub_review_document}/"),
    "hub_admin:introductions": (only("staff"), "/admin/hub/introductions/"),
    "hub_admin:profiles": (only("staff"), "/admin/hub/profiles/"),
    "grants_applications:index": (only("staff"), "/admin/grants/applications/"),
    "grants_applications:index_results": (only("staff"), "/admin/grants/applications/results/"),
    "grants_applications:inspect": (
        only("staff"),
        "/admin/grants/applications/inspect/{ranked_application}/",
    ),
}

# Wagtail's own admin screens: nobody outside the admin roles ever gets a 2xx. (Who among the
# admin roles may use which is Wagtail's permission system, tested where our policies are.)
WAGTAIL_ADMIN_MODULES = ("wagtail", "django", "taggit", "modelcluster", "wagtail_localize")
# Admin screens no role of ours may open: only a superuser manages accounts and the site.
SUPERUSER_ONLY = re.compile(
    r"^admin/(users|groups|sites|locales|workflows|tasks|settings|redirects|reports/aging-pages"
    r"|reports/site-history)/"
)

DELIBERATE_ERROR = "admin/failwhale/"  # Wagtail's own test of the error page
# The admin's icons and its JavaScript catalogue: static assets, no data.
ADMIN_ASSETS = {"admin/sprite/", "admin/jsi18n/"}


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            callback = pattern.callback
            module = getattr(callback, "view_class", callback).__module__
            yield prefix + str(pattern.pattern), namespace + (pattern.name or ""), module, pattern


def every_url():
    """(route, name, module) of every URL; the language prefix fixed to /en/."""
    for route, name, module, _pattern in walk(get_resolver().url_patterns):
        if route.startswith(("fr/", "ar/")):
            continue  # the same views under /fr/ and /ar/
        yield route, name, module


def sample_path(route: str) -> str:
    """A concrete path for a Wagtail admin route: every parameter filled with 1."""
    path = re.sub(r"<(?:int:)?\w+>", "1", route)
    path = re.sub(r"<(?:str|slug|path):\w+>", "1", path)
    path = re.sub(r"<uuid:\w+>", str(uuid.UUID(int=1)), path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    path = re.sub(r"\([^)]*\)\??", "1", path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


@pytest.fixture
def world(transactional_db, seeded_demo):
    seeded_demo.load()
    return build_world()


def build_world() -> dict:
    from campaigns.models import CampaignPage
    from cms.models import Resource
    from grants.applications.models import Application, Attachment, CoApplicant
    from grants.applications.services import application_draft_for
    from grants.awards.models import Award, Report
    from grants.calls.models import GrantCall
    from grants.decisions.models import BatchDecision
    from grants.payments.models import ManualPayment, Tranche
    from grants.review.models import ExportJob, ReviewAssignment
    from grants.review.services import assignment_declare
    from hub.introductions.models import Introduction
    from hub.models import MemberDocument
    from training.models import Certificate, TrainingModulePage
    from youthcities.accounts.models import User
    from youthcities.network.cities.models import City
    from youthcities.network.workshops.models import Commitment, Recommendation, Workshop
    from youthcities.privacy.models import DataExport

    users = {
        email.split("@")[0]: User.objects.get(email=email)
        for email in (
            "applicant@example.org",
            "minor@example.org",
            "reviewer@example.org",
            "reviewer2@example.org",
            "staff@example.org",
            "finance@example.org",
            "moderator@example.org",
            "municipal@example.org",
        )
    }
    offered = Introduction.objects.get(status="offered", counterpart=users["municipal"])
    open_call = GrantCall.objects.filter(slug="local-innovation-grants-2027").get()
    closed_call = GrantCall.objects.filter(applications__status="submitted").distinct().first()
    lead = users["applicant"]
    application = application_draft_for(call=open_call, applicant=lead)
    document = Attachment.objects.create(
        application=application,
        uploaded_by=lead,
        kind=Attachment.Kind.SUPPORT_LETTER,
        file=ContentFile(b"%PDF-1.4 letter", name="letter.pdf"),
        original_name="letter.pdf",
        content_type="application/pdf",
        size=15,
    )
    invited = "invited.teammate@example.org"
    CoApplicant.objects.create(application=application, email=invited)
    stranger = UserFactory(email=invited, display_name="Stranger")
    EmailAddress.objects.filter(user=stranger).update(verified=False)

    from grants.conversations.services import conversation_for, message_post

    message = message_post(
        conversation=conversation_for(application=application),
        author=lead,
        body="A question",
        files=[SimpleUploadedFile("question.pdf", b"%PDF-1.4 question", "application/pdf")],
    )
    award = Award.objects.filter(reports__isnull=False).select_related("grantee").first()
    report = Report.objects.filter(award=award).first()
    tranche = Tranche.objects.filter(award=award).first()
    manual_payment = ManualPayment.objects.first()
    assignment = ReviewAssignment.objects.filter(reviewer=users["reviewer"]).first()
    unassigned = (
        Application.objects.filter(call=closed_call, status="submitted")
        .exclude(assignments__reviewer=users["reviewer2"])
        .first()
    )
    conflicted = ReviewAssignment.objects.create(
        application=unassigned, call=closed_call, reviewer=users["reviewer2"]
    )
    assignment_declare(
        assignment=conflicted, reviewer=users["reviewer2"], conflict=True, reason="My cousin"
    )
    export = ExportJob.objects.create(
        call=closed_call,
        requested_by=users["staff"],
        format="csv",
        status=ExportJob.Status.DONE,
        file=ContentFile(b"reference,score\n", name="ranking.csv"),
    )
    batch = BatchDecision.objects.create(
        call=closed_call, outcome="declined", requested_by=users["staff"], status="done"
    )
    workshop = Workshop.objects.first()
    # Of a city the demo's municipal officer (Zarqa) does not speak for: they may not answer it.
    recommendation = Recommendation.objects.exclude(city__slug="zarqa").first()
    commitment = Commitment.objects.exclude(city__slug="zarqa").first()
    campaign = CampaignPage.objects.live().first()
    lead_campaign = CampaignPage.objects.filter(owner=lead).first() or campaign
    resource = Resource.objects.filter(members_only=False).first()
    members_only = MemberDocument.objects.filter(status="published", visibility="members").first()
    waiting = MemberDocument.objects.filter(status="submitted").first()
    lead_export = DataExport.objects.create(
        user=lead,
        requested_by=lead,
        status=DataExport.Status.READY,
        file=ContentFile(b"PK\x05\x06" + bytes(18), name="data.zip"),
        finished_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(hours=24),
    )

    personas = {
        "applicant": lead,
        "other_applicant": award.grantee,
        "unverified_coapplicant": stranger,
        "minor": users["minor"],
        "reviewer": users["reviewer"],
        "conflicted_reviewer": users["reviewer2"],
        "staff": users["staff"],
        "finance": users["finance"],
        "moderator": users["moderator"],
        "municipal": users["municipal"],
    }
    module = TrainingModulePage.objects.get(
        locale__language_code="en", slug="counter-narrative-campaigns"
    )
    values = {
        "open_call": open_call.slug,
        "closed_call_id": closed_call.pk,
        "lead_application": application.pk,
        "lead_step": "eligibility",
        "lead_document_url": document_url(document),
        "award": award.pk,
        "report": report.pk,
        "tranche": tranche.pk,
        "manual_payment": manual_payment.pk,
        "assignment": assignment.pk,
        "lead_message_file_url": reverse_url("grants:message_file", message.files.get().token),
        "discussed_assignment": ReviewAssignment.objects.filter(
            reviewer=users["reviewer"], review__status="submitted", call__reviewer_discussion=True
        )
        .first()
        .pk,
        "conflicted_assignment": conflicted.pk,
        "ranked_application": Application.objects.filter(call=closed_call, status="submitted")
        .first()
        .pk,
        "export": export.pk,
        "batch": batch.pk,
        "workshop": workshop.slug,
        "workshop_id": workshop.pk,
        "recommendation": recommendation.pk,
        "commitment": commitment.pk,
        "city": City.objects.first().slug,
        "campaign": campaign.pk,
        "lead_campaign": lead_campaign.pk,
        "lead_export": lead_export.token,
        "lead_export_id": lead_export.pk,
        "lead": lead.pk,
        "resource_doc_id": resource.document_id if resource else 1,
        "resource_doc_name": resource.document.filename if resource else "x.pdf",
        "hub_document": members_only.token,
        "hub_review_document": waiting.pk,
        "training_module": module.pk,
        "training_lesson": module.lesson_ids[0],
        "certificate": Certificate.objects.get(user=lead).token,
        "introduction": offered.token,
        "introduction_pk": offered.pk,
    }
    return {"personas": personas, "values": values}


def reverse_url(name, token) -> str:
    from django.urls import reverse

    return reverse(name, kwargs={"token": token})


def document_url(document) -> str:
    from django.urls import reverse

    return reverse("grants:document", kwargs={"token": document.token})


def client_for(persona: str, world) -> Client:
    client = Client(raise_request_exception=False)
    if persona != "anonymous":
        client.force_login(world["personas"][persona])
    return client


def test_nothing_but_the_expected_people_get_a_2xx(world):
    urls = list(every_url())
    ours = [
        (route, name)
        for route, name, module in urls
        if not module.startswith(WAGTAIL_ADMIN_MODULES)
    ]
    missing = sorted({name or route for route, name in ours if name not in RULES})
    assert not missing, f"URLs without an entry in RULES: {missing}"

    clients = {persona: client_for(persona, world) for persona in PERSONAS}
    wrong = []
    for name, (allowed, template) in RULES.items():
        url = template.format(**world["values"])
        for persona, client in clients.items():
            response = client.get(url)
            status = response.status_code
            if status >= 500 or (200 <= status < 300) != (persona in allowed):
                where = f" -> {response['Location']}" if status in (301, 302) else ""
                wrong.append(f"{name} {url} as {persona}: {status}{where}")

    admin_routes = {
        route
        for route, name, module in urls
        if route.startswith("admin/") and module.startswith(WAGTAIL_ADMIN_MODULES)
    }
    for route in sorted(admin_routes):
        url = sample_path(route)
        allowed = NOBODY if SUPERUSER_ONLY.match(route) else ADMIN
        if route in ADMIN_ASSETS:
            allowed = EVERYONE
        for persona, client in clients.items():
            status = client.get(url).status_code
            if status >= 500 and route != DELIBERATE_ERROR:
                wrong.append(f"{route} {url} as {persona}: {status}")
            if 200 <= status < 300 and persona not in allowed:
                wrong.append(f"{route} {url} as {persona}: {status}")
    assert not wrong, "\n".join(wrong)
