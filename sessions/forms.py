from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from .breakout_settings import breakout_settings_for
from .models import BreakoutFormat, BreakoutProposal
from .services import accepted_posters_of


class BreakoutProposalForm(forms.ModelForm):
    """A breakout on one of the proposer's accepted posters of `event`."""

    class Meta:
        model = BreakoutProposal
        fields = ["poster", "title", "description", "format", "preferred_track"]
        labels = {"poster": "Your accepted poster", "preferred_track": "Preferred session"}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "format": forms.RadioSelect,
        }
        help_texts = {
            "poster": "The breakout belongs to this poster.",
            "description": "What attendees will see, do or discuss, and who it is for.",
        }

    def __init__(self, *args, event, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["poster"].queryset = accepted_posters_of(user, event)
        self.fields["poster"].empty_label = None
        self.fields["format"].choices = BreakoutFormat.choices
        minutes = breakout_settings_for(event).minutes
        self.fields[
            "format"
        ].help_text = f"Every breakout lasts {minutes} minutes, questions included."
        self.fields["preferred_track"].queryset = event.tracks.all()
        self.fields["preferred_track"].empty_label = "No preference"
        self.fields[
            "preferred_track"
        ].help_text = "The half of the day that suits you and your audience best."
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Propose breakout"))

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("Give your breakout a title.")
        return title
