from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from .models import AUTHOR_NAME_MAX, AUTHORS_MAX, SUMMARY_MIN, PosterProposal


class PosterProposalForm(forms.ModelForm):
    link = forms.URLField(
        label="Project or paper link",
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://github.com/…"}),
        help_text="Optional: the repository, paper or project page (http or https).",
    )

    class Meta:
        model = PosterProposal
        fields = ["title", "summary", "authors", "topic", "link"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 8}),
            "authors": forms.Textarea(
                attrs={"rows": 3, "placeholder": "Ada Lovelace\nAlan Turing"}
            ),
        }

    def __init__(self, *args, event, submit_label="Submit proposal", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = event.topics.all()
        self.fields["topic"].empty_label = "Choose a topic"
        self.fields["summary"].widget.attrs["minlength"] = SUMMARY_MIN
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label))

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_authors(self):
        names = [" ".join(line.split()) for line in self.cleaned_data["authors"].splitlines()]
        names = [name for name in names if name]
        if not names:
            raise forms.ValidationError("Name at least one author.")
        if len(names) > AUTHORS_MAX:
            raise forms.ValidationError(f"Name at most {AUTHORS_MAX} authors.")
        too_long = [name for name in names if len(name) > AUTHOR_NAME_MAX]
        if too_long:
            raise forms.ValidationError(
                f"Each name can be at most {AUTHOR_NAME_MAX} characters; "
                f"“{too_long[0][:40]}…” is longer."
            )
        return "\n".join(names)
