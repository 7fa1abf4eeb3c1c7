from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); each is checked by the
    service with the upload rules (type by content, size)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
        required=False,
    )  # fmt: skip
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("Up to 5 files: PDF, Word (DOCX), Excel (XLSX), JPEG or PNG, 10 MB each."),
    )


class StaffMessageForm(MessageForm):
    internal = forms.BooleanField(
        label=_("Internal note: only staff see it, the applicants never do"), required=False
    )
    sensitive = forms.BooleanField(
        label=_("Sensitive: the email says only that there is a message, not its text"),
        required=False,
    )


class DiscussionForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment to the other reviewers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
    )
