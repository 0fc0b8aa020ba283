"""The authors of a poster as a list of people: a row each (name, optional email), in order.

Rows work without JavaScript and on a phone: the form shows the authors there are and empty
rows under them (four on a new proposal, two more when editing). A row with an email invites
that person as a co-presenter (posters/invitations.py); emptying a row or ticking "Remove"
drops the author, and with them the co-presenter's access.
"""

from django import forms

from .models import AUTHOR_NAME_MAX, AUTHORS_MAX

SPARE_ROWS = 2  # empty rows under the authors there are
FIRST_ROWS = 4  # empty rows of a new proposal


class AuthorForm(forms.Form):
    # Not required: an emptied row is an author removed, not an error.
    name = forms.CharField(label="Name", max_length=AUTHOR_NAME_MAX, required=False)
    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        help_text="To invite them as a co-presenter; never shown publicly.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.use_required_attribute = False
        self.fields["name"].widget.attrs.update({"class": "form-control", "autocomplete": "off"})
        self.fields["email"].widget.attrs.update({"class": "form-control", "autocomplete": "off"})

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and not cleaned.get("name") and not self._deleted():
            self.add_error("name", "Give this author's name too.")
        return cleaned

    def _deleted(self):
        return self.cleaned_data.get("DELETE", False)


class BaseAuthorFormSet(forms.BaseFormSet):
    def __init__(self, *args, submitter_email="", invited=None, **kwargs):
        """`invited`: the co-presenters' emails as they are, when only the submitter may
        change them (a co-presenter edits); None when the editor may."""
        super().__init__(*args, **kwargs)
        self.submitter_email = submitter_email.casefold()
        self.invited = invited

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self.invited is not None:  # shown as they are: only the submitter invites (clean)
            attrs = form.fields["email"].widget.attrs
            attrs.update(readonly=True, **{"class": "form-control bg-body-tertiary"})
        return form

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove"
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def rows(self):
        """(name, email) of every author kept, in order; what clean() accepted."""
        kept = [form.cleaned_data for form in self.forms if form.cleaned_data]
        return [
            (row["name"], row["email"])
            for row in kept
            if row.get("name") and not row.get("DELETE", False)
        ]

    def clean(self):
        if any(self.errors):
            return
        rows = self.rows()
        if not rows:
            raise forms.ValidationError("Name at least one author.")
        if len(rows) > AUTHORS_MAX:
            raise forms.ValidationError(f"Name at most {AUTHORS_MAX} authors.")
        emails = [email.casefold() for _, email in rows if email]
        if len(set(emails)) < len(emails):
            raise forms.ValidationError("Give each co-presenter's email once.")
        if self.submitter_email and self.submitter_email in emails:
            raise forms.ValidationError(
                "That is your own email: you already present this poster. "
                "Leave your row's email empty."
            )
        if self.invited is not None and set(emails) != {e.casefold() for e in self.invited}:
            raise forms.ValidationError(
                "Only the submitter invites or removes co-presenters: keep their emails as "
                "they are."
            )


AuthorFormSet = forms.formset_factory(
    AuthorForm,
    formset=BaseAuthorFormSet,
    extra=0,  # the form says how many (FIRST_ROWS or SPARE_ROWS)
    can_delete=True,
    can_delete_extra=False,
    max_num=AUTHORS_MAX + SPARE_ROWS,
    absolute_max=AUTHORS_MAX + 10,
)
