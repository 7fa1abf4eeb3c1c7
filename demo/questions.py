"""Demo: the open call asks its own questions (one shown only after a given answer); it and the
2026 round staff are deciding have decision letters in three languages. Safe to run again:
nothing changes the second time."""

from grants.calls.models import GrantCall
from grants.calls.questions import questions_definition
from grants.calls.services import call_questions_publish
from grants.decisions.models import LetterTemplate

OPEN_CALL = "local-innovation-grants-2027"
# The round staff are deciding: its letters are the ones the demo's decisions send.
ROUND_IN_REVIEW = "local-innovation-grants-2026"


def _question(kind, name, labels, helps=("", "", ""), **extra):
    value = {
        "name": name,
        "label_en": labels[0],
        "label_fr": labels[1],
        "label_ar": labels[2],
        "help_en": helps[0],
        "help_fr": helps[1],
        "help_ar": helps[2],
        "required": extra.pop("required", False),
        "identifying": extra.pop("identifying", False),
        "show_when_question": extra.pop("show_when_question", ""),
        "show_when_answer": extra.pop("show_when_answer", ""),
    }
    value.update(extra)
    return (kind, value)


QUESTIONS = [
    _question(
        "yes_no",
        "partner",
        (
            "Do you work with a partner organisation?",
            "Travaillez-vous avec une organisation partenaire ?",
            "هل تعملون مع منظمة شريكة؟",
        ),
        required=True,
    ),
    _question(
        "short_text",
        "partner-name",
        ("Name of the partner", "Nom du partenaire", "اسم الشريك"),
        ("A school, a club, an NGO…", "Une école, un club, une ONG…", "مدرسة أو نادٍ أو منظمة…"),
        required=True,
        identifying=True,
        show_when_question="partner",
        show_when_answer="yes",
    ),
    _question(
        "single_choice",
        "reach",
        (
            "How will people hear about your project?",
            "Comment les gens entendront-ils parler de votre projet ?",
            "كيف سيسمع الناس عن مشروعكم؟",
        ),
        required=True,
        choices=[
            {
                "label_en": "Social media",
                "label_fr": "Réseaux sociaux",
                "label_ar": "وسائل التواصل",
            },
            {"label_en": "In schools", "label_fr": "Dans les écoles", "label_ar": "في المدارس"},
            {"label_en": "In the street", "label_fr": "Dans la rue", "label_ar": "في الشارع"},
        ],
    ),
    _question(
        "long_text",
        "lesson",
        (
            "What did your group learn from an earlier project?",
            "Qu'a appris votre groupe d'un projet précédent ?",
            "ماذا تعلّمت مجموعتكم من مشروع سابق؟",
        ),
        word_limit=150,
    ),
]

LETTERS = {
    ("approved", "en"): "Dear {name},\n\nYour application {reference} is approved, with a grant "
    "of {amount}. We will write to you about the agreement and the payments.\n\n{feedback}",
    ("approved", "fr"): "Bonjour {name},\n\nVotre candidature {reference} est retenue, avec "
    "une subvention de {amount}. Nous vous écrirons pour la convention et les paiements."
    "\n\n{feedback}",
    ("approved", "ar"): "مرحبًا {name}،\n\nتمت الموافقة على طلبكم {reference} بمنحة قدرها "
    "{amount}. سنكتب إليكم بشأن الاتفاقية والدفعات.\n\n{feedback}",
    ("declined", "en"): "Dear {name},\n\nThank you for your application {reference}. It was not "
    "selected this time; we hope you will apply again.\n\n{feedback}",
    ("declined", "fr"): "Bonjour {name},\n\nMerci pour votre candidature {reference}. Elle "
    "n'a pas été retenue cette fois ; nous espérons vous relire.\n\n{feedback}",
    ("declined", "ar"): "مرحبًا {name}،\n\nشكرًا على طلبكم {reference}. لم يُختر هذه المرة، "
    "ونأمل أن تتقدموا مجددًا.\n\n{feedback}",
    ("more_info", "en"): "Dear {name},\n\nReviewers need more information about {reference}:"
    "\n\n{feedback}\n\nOpen it under “My applications”, change it and send it again.",
    ("more_info", "fr"): "Bonjour {name},\n\nLes évaluateurs ont besoin de précisions sur "
    "{reference} :\n\n{feedback}\n\nOuvrez-la dans « Mes candidatures », modifiez-la et "
    "renvoyez-la.",
    ("more_info", "ar"): "مرحبًا {name}،\n\nيحتاج المراجعون إلى معلومات إضافية عن {reference}:"
    "\n\n{feedback}\n\nافتحوه في «طلباتي» وعدّلوه ثم أرسلوه من جديد.",
}


def seed_questions_and_letters() -> None:
    call = GrantCall.objects.get(slug=OPEN_CALL)
    call.questions = QUESTIONS
    stored = GrantCall.objects.get(pk=call.pk)
    if questions_definition(stored.questions) != questions_definition(call.questions):
        call.save(update_fields=["questions"])
    call_questions_publish(call=call, actor=None)
    for letters_call in GrantCall.objects.filter(slug__in=[OPEN_CALL, ROUND_IN_REVIEW]):
        for (outcome, language), body in LETTERS.items():
            LetterTemplate.objects.get_or_create(
                call=letters_call, outcome=outcome, language=language, defaults={"body": body}
            )
