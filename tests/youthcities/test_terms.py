"""#14 item 16: one English word, two meanings, two translations. A visitor's report of abuse is a
"بلاغ"/"signalement"; a grantee's progress report a "تقرير"/"rapport"; a report that is due is
"مطلوب تقديمه" (not money owed), a due date "الموعد النهائي"; status labels agree with the noun
they describe."""

import pytest
from django.template import Context, Template
from django.utils import translation

from campaigns.models import AbuseReport
from grants.awards.models import Report as ProgressReport
from grants.payments.models import ManualPayment
from youthcities.network.workshops.models import Answer

EXPECTED = {
    "ar": {
        "abuse report": "بلاغ",
        "progress report": "تقرير",
        "abuse reports heading": "البلاغات",
        "progress reports heading": "التقارير",
        "report due": "مطلوب تقديمه",
        "due date column": "الموعد النهائي",
        "manual payment approved": "معتمدة",
        "recommendation declined": "مرفوضة",
        "report open": "مفتوح",
    },
    "fr": {
        "abuse report": "signalement",
        "progress report": "rapport",
        "abuse reports heading": "Signalements",
        "progress reports heading": "Rapports",
        "report due": "À remettre",
        "due date column": "Échéance",
        "manual payment approved": "Approuvé",
        "recommendation declined": "Refusée",
        "report open": "Ouvert",
    },
}


def render(source: str) -> str:
    return Template("{% load i18n %}" + source).render(Context()).strip()


@pytest.mark.parametrize("code", ["ar", "fr"])
def test_each_meaning_has_its_own_word(code):
    with translation.override(code):
        found = {
            "abuse report": str(AbuseReport._meta.verbose_name),
            "progress report": str(ProgressReport._meta.verbose_name),
            "abuse reports heading": render('{% translate "Reports" context "abuse reports" %}'),
            "progress reports heading": render('{% translate "Reports" %}'),
            "report due": str(ProgressReport.State.DUE.label),
            "due date column": render('{% translate "Due" %}'),
            "manual payment approved": str(ManualPayment.State.APPROVED.label),
            "recommendation declined": str(Answer.Decision.DECLINED.label),
            "report open": str(AbuseReport.Status.OPEN.label),
        }
    assert found == EXPECTED[code]
