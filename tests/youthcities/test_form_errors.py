"""#14 item 7: errors of a radio group are tied to its fieldset, and the error summary links to an
element that can take focus, in the public form include and the admin one."""

import re

from django import forms
from django.template.loader import render_to_string


class PickForm(forms.Form):
    pick = forms.ChoiceField(
        label="Pick one", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    note = forms.CharField(label="Note")


def _described_errors(page: str) -> str:
    described_by = re.search(r'<fieldset[^>]*aria-describedby="([^"]+)"', page).group(1)
    ids = described_by.split()
    return " ".join(
        re.search(rf'id="{i}"[^>]*>(.*?)</ul>', page, re.S).group(1)
        for i in ids
        if re.search(rf'id="{i}"[^>]*>(.*?)</ul>', page, re.S)
    )


def test_the_public_error_summary_links_to_the_first_radio():
    page = render_to_string("includes/form_fields.html", {"form": PickForm({})})
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S).group(0)
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert targets == ["id_pick_0", "id_note"]
    assert re.search(r'<input type="radio"[^>]*id="id_pick_0"', page)
    assert "This field is required." in _described_errors(page)


def test_the_admin_form_puts_a_radio_groups_error_inside_its_fieldset():
    page = render_to_string("includes/admin_fields.html", {"form": PickForm({})})
    fieldset = re.search(r"<fieldset.*?</fieldset>", page, re.S).group(0)
    assert "This field is required." in fieldset
    assert "This field is required." in _described_errors(fieldset)
