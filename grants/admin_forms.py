"""The call form in the Wagtail admin: the rubric's rules are checked here, before anything is
saved, so that staff get a clear message instead of a broken review."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from .review_services import rubric_changed, rubric_is_locked, scoring_started


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
        if commit and rubric_edited and scoring_started(call):
            rubric_changed(call=call, actor=self.for_user)
        return call
