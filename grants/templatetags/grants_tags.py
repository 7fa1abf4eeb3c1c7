from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grants.calls.models import GroupKind
from youthcities.money import format_money
from youthcities.network.themes import Theme
from youthcities.places import timezone_name

register = template.Library()


@register.simple_tag
def countdown(deadline, now) -> str:
    """ "Closes in 3 days and 4 hours": the time left, worked out on the server."""
    seconds = int((deadline - now).total_seconds())
    if seconds <= 0:
        return _("This call has closed.")
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        left = ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
        if hours:
            left += " " + ngettext("and %(n)d hour", "and %(n)d hours", hours) % {"n": hours}
    elif hours:
        left = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    else:
        left = ngettext("%(n)d minute", "%(n)d minutes", max(minutes, 1)) % {"n": max(minutes, 1)}
    return _("Closes in %(left)s") % {"left": left}


@register.simple_tag
def money(amount, currency) -> str:
    return format_money(amount, currency) if amount is not None else ""


@register.simple_tag
def money_isolated(amount, currency) -> str:
    """An amount to put inside a sentence of a page: in its own direction (<bdi>), so that in an
    Arabic sentence "US$5,000.00" keeps its symbol, digits and the sentence's full stop where
    they belong."""
    return (
        format_html("<bdi>{}</bdi>", format_money(amount, currency)) if amount is not None else ""
    )


@register.filter
def group_kind_labels(call) -> str:
    kinds = call.group_kinds or GroupKind.values
    return ", ".join(str(GroupKind(kind).label) for kind in kinds)


@register.filter
def theme_labels(call) -> str:
    themes = call.themes or Theme.values
    return ", ".join(str(Theme(theme).label) for theme in themes)


@register.simple_tag
def score_strip(scores, low, high, label=""):
    """A small server-rendered chart: the rubric's scale as a line, one dot per reviewer's
    weighted score. No JavaScript; the numbers are in the title for screen readers."""
    width, height, pad = 120, 20, 6
    span = (high - low) or 1
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="10" r="4" />',
        ((round(pad + (float(s) - low) / span * (width - 2 * pad), 1),) for s in scores),
    )
    numbers = ", ".join(f"{float(s):.2f}".rstrip("0").rstrip(".") for s in scores) or "—"
    return format_html(
        '<svg class="score-strip" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        'aria-label="{label}: {numbers}"><title>{label}: {numbers}</title>'
        '<line x1="{p}" y1="10" x2="{e}" y2="10" />{dots}</svg>',
        w=width,
        h=height,
        p=pad,
        e=width - pad,
        dots=dots,
        label=label or _("Reviewers' scores"),
        numbers=numbers,
    )


@register.simple_tag
def finance_chart(rows):
    """Awarded and paid per call and currency, as a server-rendered SVG: one bar per row, the
    whole bar the amount awarded, the dark part what is paid. Currencies are never added up, so
    each bar has its own scale. The numbers are in the text and the title for screen readers."""
    from decimal import Decimal

    width, bar, gap, label_width = 640, 18, 30, 0
    height = len(rows) * (bar + gap) + 10
    parts = []
    summary = []
    for index, row in enumerate(rows):
        y = 10 + index * (bar + gap)
        share = (
            (Decimal(row.paid) / Decimal(row.awarded)).max(Decimal(0)).min(Decimal(1))
            if row.awarded
            else Decimal(0)
        )
        paid_width = (share * (width - label_width)).quantize(Decimal("0.1"))
        text = _("%(call)s (%(currency)s): %(paid)s paid of %(awarded)s") % {
            "call": row.call.title if hasattr(row, "call") else row.call_title,
            "currency": row.currency,
            "paid": format_money(row.paid, row.currency),
            "awarded": format_money(row.awarded, row.currency),
        }
        summary.append(text)
        parts.append(
            format_html(
                '<text x="0" y="{}">{}</text>'
                '<rect class="bar-awarded" x="0" y="{}" width="{}" height="{}" />'
                '<rect class="bar-paid" x="0" y="{}" width="{}" height="{}" />',
                y + 8,
                text,
                y + 12,
                width,
                bar,
                y + 12,
                paid_width,
                bar,
            )
        )
    label = "; ".join(summary)
    return format_html(
        '<svg class="finance-chart" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        'aria-label="{label}"><title>{label}</title>{parts}</svg>',
        w=width,
        h=height + 10,
        label=label,
        parts=format_html_join("", "{}", ((p,) for p in parts)),
    )


@register.simple_tag
def mismatch_label(problem: str) -> str:
    labels = {
        "transfer_without_ledger": _("A Stripe transfer the ledger does not have"),
        "ledger_without_transfer": _("A ledger payment Stripe does not have"),
        "amount_differs": _("The amounts differ"),
        "reversal_differs": _("The reversals differ"),
    }
    return labels.get(problem, problem)


@register.filter
def zone_name(code: str) -> str:
    """ "Asia/Amman" as "Amman" or "عمّان": a time zone by its city, in the reader's language."""
    return timezone_name(code)
