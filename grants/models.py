"""The models of every floor of grants, imported here for Django (one app label, `grants`).
Code imports a model from its own floor, e.g. `grants.review.models`."""

from grants.applications.models import (
    Application,
    Attachment,
    BudgetCategory,
    BudgetLine,
    CoApplicant,
    attachment_key,
)
from grants.awards.models import Award, Report, ReportEvidence, ReportSpending, evidence_key
from grants.calls.models import (
    CallQuestions,
    GrantCall,
    GroupKind,
    RubricCriterion,
    validate_currency,
    validate_timezone,
)
from grants.conversations.models import (
    Conversation,
    ConversationRead,
    Message,
    MessageFile,
    ReviewerComment,
    message_file_key,
)
from grants.decisions.models import Decision
from grants.payments.models import (
    LedgerEntry,
    ManualPayment,
    PayoutCountry,
    ReconciliationRun,
    StripeAccount,
    StripeEvent,
    Tranche,
)
from grants.review.models import (
    ApplicationScore,
    CallScores,
    CriterionScore,
    ExportJob,
    Review,
    ReviewAssignment,
    export_key,
)

__all__ = [
    "Application",
    "ApplicationScore",
    "CallScores",
    "Attachment",
    "Award",
    "BudgetCategory",
    "BudgetLine",
    "CoApplicant",
    "Conversation",
    "ConversationRead",
    "CriterionScore",
    "Decision",
    "ExportJob",
    "CallQuestions",
    "GrantCall",
    "GroupKind",
    "LedgerEntry",
    "ManualPayment",
    "Message",
    "MessageFile",
    "PayoutCountry",
    "ReconciliationRun",
    "Report",
    "ReportEvidence",
    "ReportSpending",
    "Review",
    "ReviewAssignment",
    "ReviewerComment",
    "RubricCriterion",
    "StripeAccount",
    "StripeEvent",
    "Tranche",
    "attachment_key",
    "evidence_key",
    "export_key",
    "message_file_key",
    "validate_currency",
    "validate_timezone",
]
