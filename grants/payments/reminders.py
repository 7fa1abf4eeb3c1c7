"""The payments floor's reminder: a manual payment waiting three days for the second officer."""

import datetime

from django.utils.translation import gettext_lazy

from grants.payments.models import ManualPayment
from youthcities.accounts.roles import FINANCE
from youthcities.accounts.selectors import users_with_role
from youthcities.reminders.registry import ReminderKind, register_kind

WAITING = datetime.timedelta(days=3)

MANUAL_PAYMENT_WAITING = register_kind(
    ReminderKind(
        code="manual_payment_waiting",
        label=gettext_lazy("A manual payment waiting three days for a second officer"),
        template="grants/email/reminder_manual_payment",
        candidates=lambda now: ManualPayment.objects.filter(
            state=ManualPayment.State.RECORDED, recorded_at__lte=now - WAITING
        ).select_related("tranche__award__application"),
        # Anyone but the officer who recorded it (four eyes).
        recipients=lambda payment: list(
            users_with_role(FINANCE).exclude(pk=payment.recorded_by_id).distinct()
        ),
        key=lambda payment: str(payment.pk),
        context=lambda payment: {
            "payment": payment,
            "application": payment.tranche.award.application,
        },
        link=lambda payment, user: ("grants_award_admin:tranche_payment", [payment.tranche_id]),
        roles=(FINANCE,),
        order=50,
    )
)
