""" "Can I apply?": a call's rules checked against a few answers anyone may give on the call page,
without an account and without JavaScript (a GET form: nothing is stored). The wizard and
submission check the same rules on the real application (grants/applications/rules.py)."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from grants.calls.models import GrantCall, GroupKind

ANOTHER_CITY = "other"


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    reasons: list[str]


# The call's rules, one function each, every one answering with the reason or None: "Can I
# apply?", the wizard's steps and submission all ask these, so a rule and its message live here.


def outside_age_range(call: GrantCall, age: int | None) -> str | None:
    if age is not None and not call.min_age <= age <= call.max_age:
        return _("This call is for people aged %(min)d to %(max)d.") % {
            "min": call.min_age,
            "max": call.max_age,
        }
    return None


def outside_cities(call: GrantCall, city_id: int | None) -> str | None:
    """A call limited to some cities; `city_id` None is "another city"."""
    cities = list(call.cities.all())
    if cities and city_id not in {city.pk for city in cities}:
        return _("This call is open to young people in %(cities)s only.") % {
            "cities": ", ".join(city.local_name for city in cities)
        }
    return None


def team_too_small(call: GrantCall, member_count: int | None) -> str | None:
    if member_count is not None and member_count < call.min_team_size:
        return ngettext(
            "This call is for groups of at least %(count)d member.",
            "This call is for groups of at least %(count)d members.",
            call.min_team_size,
        ) % {"count": call.min_team_size}
    return None


def group_kind_refused(call: GrantCall, group_kind: str) -> str | None:
    if call.group_kinds and group_kind not in call.group_kinds:
        return _("This call is not open to your kind of group.")
    return None


def call_eligibility(
    call: GrantCall, *, age: int, city_id: int | None, team_size: int, group_kind: str
) -> Verdict:
    """Whether someone may apply to this call, and every reason why not."""
    reasons = [
        reason
        for reason in (
            outside_age_range(call, age),
            outside_cities(call, city_id),
            team_too_small(call, team_size),
            group_kind_refused(call, group_kind),
        )
        if reason
    ]
    return Verdict(eligible=not reasons, reasons=reasons)


class EligibilityCheckForm(forms.Form):
    """The questions the call's rules need; a question the call has no rule for is not asked."""

    age = forms.IntegerField(label=gettext_lazy("Your age"), min_value=1, max_value=120)
    city = forms.ChoiceField(label=gettext_lazy("Your city"))
    team_size = forms.IntegerField(
        label=gettext_lazy("Members of your group, you included"), min_value=1, max_value=500
    )
    group_kind = forms.ChoiceField(label=gettext_lazy("Kind of group"), choices=GroupKind.choices)

    def __init__(self, *args, call: GrantCall, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        cities = list(call.cities.all())
        if cities:
            self.fields["city"].choices = [
                ("", "—"),
                *((str(city.pk), city.local_name) for city in cities),
                (ANOTHER_CITY, _("Another city")),
            ]
        else:
            del self.fields["city"]
        if not call.group_kinds:
            del self.fields["group_kind"]

    def verdict(self) -> Verdict:
        data = self.cleaned_data
        city = data.get("city")
        return call_eligibility(
            self.call,
            age=data["age"],
            city_id=int(city) if city and city != ANOTHER_CITY else None,
            team_size=data["team_size"],
            group_kind=data.get("group_kind", ""),
        )
