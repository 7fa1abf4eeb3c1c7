"""The wizard's step forms. Each validates on Continue and Submit; amounts are typed in the
reader's language and parsed to Decimal."""

from decimal import Decimal

from django import forms
from django.core.validators import validate_email
from django.db.models import Q
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from grants.applications.models import Application, Attachment, BudgetCategory
from grants.applications.selectors import attachments_for_step
from grants.applications.services import attachment_store, attachments_hold
from grants.calls.eligibility import outside_age_range, outside_cities, team_too_small
from grants.calls.models import GroupKind
from grants.errors import BadUpload, StorageUnavailable
from youthcities.money import MoneyError, TooManyDecimals, format_money, parse_amount
from youthcities.network.cities.models import City
from youthcities.network.themes import Theme

# Field lengths come from the model, so the form, the counter and the database agree.
MAX_LENGTH = {
    name: Application._meta.get_field(name).max_length
    for name in ["title", "summary", "problem", "audience", "activities", "timeline"]
}


class StepForm(forms.Form):
    """A wizard step: knows its call, its draft and who is filling it in."""

    def __init__(self, *args, call=None, application=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call, self.application, self.user = call, application, user


class EligibilityForm(StepForm):
    city = forms.ModelChoiceField(label=_("Your city"), queryset=City.objects.none())
    group_kind = forms.ChoiceField(label=_("Kind of group"), choices=GroupKind.choices)
    theme = forms.ChoiceField(label=_("Theme of your project"), choices=Theme.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.order_by("name")
        self.fields["city"].empty_label = _("Choose your city")
        profile_city_name = getattr(self.user, "city", "").strip()
        if not self.is_bound and not self.initial.get("city") and profile_city_name:
            # A new draft starts from the city on the person's profile, when it is a member city.
            profile_city = City.objects.filter(
                Q(name__iexact=profile_city_name)
                | Q(name_fr__iexact=profile_city_name)
                | Q(name_ar__iexact=profile_city_name)
            ).first()
            self.initial["city"] = profile_city.pk if profile_city else None
        if self.call.group_kinds:
            self.fields["group_kind"].choices = [
                (k, v) for k, v in GroupKind.choices if k in self.call.group_kinds
            ]
        if self.call.themes:
            self.fields["theme"].choices = [
                (k, v) for k, v in Theme.choices if k in self.call.themes
            ]

    def clean_city(self):
        city = self.cleaned_data["city"]
        if outside := outside_cities(self.call, city.pk):
            raise forms.ValidationError(outside)
        return city

    def clean(self):
        data = super().clean()
        if outside := outside_age_range(self.call, self.user.age):
            raise forms.ValidationError(outside)
        return data


class TeamForm(StepForm):
    group_name = forms.CharField(label=_("Name of your group"), max_length=120)
    organisation_name = forms.CharField(
        label=_("Organisation (if any)"),
        max_length=150,
        required=False,
        help_text=_("A school, club or NGO your group belongs to."),
    )
    member_count = forms.IntegerField(label=_("Number of members"), min_value=1, max_value=500)
    lead_role = forms.CharField(
        label=_("Your role in the group"), max_length=120, help_text=_("For example: coordinator")
    )
    co_applicants = forms.CharField(
        label=_("Co-applicants' emails"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Up to 5 people who may see and edit this draft with you, one per line."),
    )

    def clean_member_count(self):
        count = self.cleaned_data["member_count"]
        problem = team_too_small(self.call, count)
        if problem:
            raise forms.ValidationError(problem)
        return count

    def clean_co_applicants(self):
        emails = [
            e.strip().lower() for e in self.cleaned_data["co_applicants"].split() if e.strip()
        ]
        emails = list(dict.fromkeys(e.strip(",;") for e in emails))
        if len(emails) > 5:
            raise forms.ValidationError(_("Invite at most 5 co-applicants."))
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("%(email)s is not a valid email address.") % {"email": email}
                ) from None
        if self.user.email.lower() in emails:
            raise forms.ValidationError(_("You are the applicant: do not invite yourself."))
        return emails


class ProjectForm(StepForm):
    title = forms.CharField(label=_("Project title"), max_length=MAX_LENGTH["title"])
    summary = forms.CharField(
        label=_("Summary"),
        max_length=MAX_LENGTH["summary"],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your project in a few sentences."),
    )
    problem = forms.CharField(
        label=_("What problem does it address?"),
        max_length=MAX_LENGTH["problem"],
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    audience = forms.CharField(
        label=_("Who will you reach?"),
        max_length=MAX_LENGTH["audience"],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    activities = forms.CharField(
        label=_("What will you do?"),
        max_length=MAX_LENGTH["activities"],
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    timeline = forms.CharField(
        label=_("When will you do it?"),
        max_length=MAX_LENGTH["timeline"],
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # No maxlength: a browser would silently cut pasted text. The live counter (a small
            # script) shows the limit; without it, the server says what is too long.
            field.widget.attrs.pop("maxlength", None)
            field.widget.attrs["data-maxlength"] = field.max_length


class BudgetLineForm(StepForm):
    description = forms.CharField(label=_("Description"), max_length=200)
    # A blank first choice, so that an untouched spare row counts as empty.
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *BudgetCategory.choices])
    amount = forms.CharField(label=_("Amount"), max_length=20)
    currency = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].initial = self.call.currency
        self.fields["amount"].widget.attrs.update(inputmode="decimal", autocomplete="off")

    def clean_currency(self):
        if self.cleaned_data["currency"] != self.call.currency:
            raise forms.ValidationError(
                _("Amounts must be in %(currency)s.") % {"currency": self.call.currency}
            )
        return self.call.currency

    def clean_amount(self):
        try:
            amount = parse_amount(self.cleaned_data["amount"], self.call.currency)
        except TooManyDecimals as error:
            raise forms.ValidationError(error.message) from None
        except MoneyError:
            raise forms.ValidationError(_("Enter an amount, like 250 or 99.50.")) from None
        if amount <= 0:
            raise forms.ValidationError(_("Amounts must be more than zero."))
        return amount


class BaseBudgetFormSet(forms.BaseFormSet):
    def __init__(self, *args, call=None, application=None, user=None, **kwargs):
        self.call = call
        kwargs["form_kwargs"] = {"call": call, "application": application, "user": user}
        super().__init__(*args, **kwargs)

    @property
    def lines(self):
        return [f.cleaned_data for f in self.forms if f.cleaned_data and f.has_changed()]

    @property
    def typed_total(self) -> Decimal:
        """The sum of the amounts typed so far that read as amounts (shown as a running total;
        the maximum is checked in `clean`)."""
        total = Decimal(0)
        for form in self.forms:
            value = form["amount"].value()
            if value in (None, ""):
                continue
            try:
                total += parse_amount(str(value), self.call.currency)
            except MoneyError:
                continue
        return total

    def clean(self):
        if any(self.errors):
            return
        lines = self.lines
        if not lines:
            raise forms.ValidationError(_("Add at least one budget line."))
        total = sum(line["amount"] for line in lines)
        if total > self.call.max_amount:
            raise forms.ValidationError(
                _("The total, %(total)s, is above this call's maximum of %(maximum)s.")
                % {
                    "total": format_money(total, self.call.currency),
                    "maximum": format_money(self.call.max_amount, self.call.currency),
                }
            )


BudgetFormSet = formset_factory(
    BudgetLineForm, formset=BaseBudgetFormSet, extra=5, max_num=20, validate_max=True
)


class DocumentsForm(StepForm):
    budget_sheet = forms.FileField(label=_("Budget sheet"), required=False)
    support_letter = forms.FileField(label=_("Letter of support"), required=False)
    other = forms.FileField(label=_("Another document"), required=False)
    keep = forms.MultipleChoiceField(
        label=_("Documents already uploaded"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick a document to remove it; choose a new file below to replace it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_keep_choices()
        for name in ("budget_sheet", "support_letter", "other"):
            self.fields[name].help_text = _("PDF, DOCX, XLSX, JPG or PNG, up to 10 MB.")
            self.fields[name].widget.attrs["accept"] = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
        self.stored: list[Attachment] = []

    def _set_keep_choices(self):
        # Each stored file in its slot: "Letter of support: letter.pdf ✓".
        self.fields["keep"].choices = [
            (
                str(a.pk),
                _("%(slot)s: %(name)s ✓") % {"slot": a.get_kind_display(), "name": a.original_name},
            )
            for a in attachments_for_step(application=self.application, user=self.user)
        ]

    def full_clean(self):
        super().full_clean()
        if self.errors and self.stored:
            # A refused file beside good ones: the good ones join the draft now (the purge of
            # abandoned uploads would take them otherwise) and are shown ticked, kept.
            attachments_hold(application=self.application, attachments=self.stored, actor=self.user)
            self._set_keep_choices()
            data = self.data.copy()
            key = self.add_prefix("keep")
            data.setlist(key, [*data.getlist(key), *(str(a.pk) for a in self.stored)])
            self.data = data

    def clean(self):
        data = super().clean()
        for kind in ("budget_sheet", "support_letter", "other"):
            upload = data.get(kind)
            if not upload:
                continue
            try:
                self.stored.append(
                    attachment_store(uploaded_by=self.user, kind=kind, upload=upload)
                )
            except (BadUpload, StorageUnavailable) as error:
                self.add_error(kind, error.message)
        return data

    @property
    def attachment_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data.get("keep", [])] + [a.pk for a in self.stored]


class ReviewForm(StepForm):
    declaration = forms.BooleanField(
        label=_("The information in this application is true, and our group agrees to it.")
    )
    consent = forms.BooleanField(
        label=_("I agree that reviewers and programme staff read this application to decide on it.")
    )
