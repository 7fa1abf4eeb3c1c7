"""The call form in the Wagtail admin: the rubric's rules are checked here, before anything is
saved, so that staff get a clear message instead of a broken review."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from grants.calls.selectors import rubric_is_locked, scoring_started
from grants.calls.services import call_questions_publish
from grants.calls.signals import rubric_saved


class JSONChoicesWidget(forms.CheckboxSelectMultiple):
    """Tick boxes for a JSON list of codes (a call's themes or kinds of group)."""

    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                value = []
        return [str(v) for v in (value or [])]

    def value_from_datadict(self, data, files, name):
        return json.dumps(data.getlist(name))


class GrantCallForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        criteria = self.formsets.get("criteria")
        if criteria is None or not criteria.is_valid():
            return cleaned
        kept = [f for f in criteria.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        deleted = [f for f in criteria.forms if f.cleaned_data.get("DELETE") and f.instance.pk]
        if self.instance.pk and criteria.has_changed() and rubric_is_locked(self.instance):
            raise ValidationError(
                _("Scoring has started, so the rubric is locked. Use “Unlock the rubric” first: "
                  "the unlock and its reason are recorded.")
            )  # fmt: skip
        for form in deleted:
            if form.instance.scores.exists():
                raise ValidationError(
                    _("“%(criterion)s” already has scores and cannot be deleted.")
                    % {"criterion": form.instance.name_en}
                )
        if kept and sum(f.cleaned_data.get("weight") or 0 for f in kept) <= 0:
            raise ValidationError(_("The weights of the rubric add up to zero: give one a weight."))
        scales = {(f.cleaned_data.get("scale_min"), f.cleaned_data.get("scale_max")) for f in kept}
        if len(scales) > 1:
            raise ValidationError(_("All criteria of a rubric use the same scale, e.g. 1 to 5."))
        return cleaned

    def save(self, commit=True):
        rubric_edited = "criteria" in self.formsets and self.formsets["criteria"].has_changed()
        call = super().save(commit=commit)
        if commit:
            call_questions_publish(call=call, actor=self.for_user)
        if commit and rubric_edited and scoring_started(call):
            rubric_saved.send(sender=type(call), call=call, actor=self.for_user)  # review re-scores
        return call
