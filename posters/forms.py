"""The poster form, the catalogue filters, and the forms about an accepted poster."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout, Submit
from django import forms

from ecosystem_day.event.models import Topic, Track
from ecosystem_day.infra.images import IMAGE_MAX_BYTES, IMAGE_MAX_PIXELS

from .author_forms import FIRST_ROWS, SPARE_ROWS, AuthorFormSet
from .authorship import author_rows
from .call import call_for
from .models import PosterProposal


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
        fields = ["title", "summary", "topic", "link"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, event, editor, submit_label="Submit proposal", **kwargs):
        """`editor`: who fills it in; only a poster's submitter invites or removes
        co-presenters (anyone proposing a new poster is its submitter)."""
        super().__init__(*args, **kwargs)
        poster = self.instance if self.instance.pk else None
        rows = author_rows(poster) if poster else []
        invited = [email for _, email, _ in rows if email]
        submitter = poster.submitter if poster else editor
        self.author_rows = AuthorFormSet(
            self.data if self.is_bound else None,
            prefix="authors",
            # What the page showed; a post is read alone (no row compared with the initial).
            initial=None if self.is_bound else [{"name": n, "email": e} for n, e, _ in rows],
            submitter_email=submitter.email if submitter else "",
            invited=None if submitter == editor else invited,
        )
        self.author_rows.extra = SPARE_ROWS if rows else FIRST_ROWS
        self.fields["topic"].queryset = event.topics.all()
        self.fields["topic"].empty_label = "Choose a topic"
        self.event = event
        call, summary = call_for(event), self.fields["summary"]
        summary.widget.attrs.update(
            minlength=call.summary_min_length, maxlength=call.summary_max_length
        )
        summary.help_text = (
            "What the project, tool or library does and who it helps "
            f"({call.summary_min_length:,}–{call.summary_max_length:,} characters)."
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "title", "summary", HTML('{% include "posters/_author_rows.html" %}'), "topic", "link"
        )
        self.helper.add_input(Submit("submit", submit_label))

    def full_clean(self):
        """The form and its author rows: valid together, the rows giving `authors` (the
        names, one a line, in order) and `copresenters` ((name, email) of those invited)."""
        super().full_clean()
        if not self.is_bound:
            return
        if not self.author_rows.is_valid():
            self.add_error(None, "Check the authors: see the notes beside them.")
            return
        rows = self.author_rows.rows()
        self.cleaned_data["authors"] = "\n".join(name for name, _ in rows)
        self.cleaned_data["copresenters"] = [(name, email) for name, email in rows if email]

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_summary(self):
        summary = self.cleaned_data["summary"]
        call_for(self.event).check_summary_length(summary)
        return summary


class TopicMenuField(forms.ChoiceField):
    """A topic among those the menu lists, which the page has read already: chosen without a
    query, and read as ModelChoiceField reads a key (" 10 " and "010" are topic 10)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = {}

    def set_topics(self, topics, empty_label):
        self.topics = {topic.pk: topic for topic in topics}
        self.choices = [("", empty_label), *((topic.pk, str(topic)) for topic in topics)]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            topic = self.topics.get(Topic._meta.pk.to_python(value))
        except forms.ValidationError:
            topic = None
        if topic is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return topic

    def validate(self, value):
        forms.Field.validate(self, value)


class CatalogueFilterForm(forms.Form):
    """The catalogue's search box and topic menu (read from the query string)."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": "Search titles, summaries, authors"}),
    )
    topic = TopicMenuField(
        label="Topic", required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    row = forms.ChoiceField(
        label="Row", required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    sort = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[("", "By title"), ("code", "By board")],
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, topics, rows=(), **kwargs):
        """`topics`: the edition's topics in menu order; `rows`: the row letters of its
        boards, in walking order. Both read by the page already (catalogue_facts)."""
        super().__init__(*args, **kwargs)
        self.fields["topic"].set_topics(topics, "All topics")
        self.fields["row"].choices = [("", "All rows"), *((row, f"Row {row}") for row in rows)]
        self.fields["q"].widget.attrs["class"] = "form-control"  # after maxlength


class PosterImageForm(forms.Form):
    image = forms.FileField(
        label="Poster image",
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
        help_text=f"A PNG or JPEG image, up to {IMAGE_MAX_BYTES // 1024 // 1024} MB and "
        f"{IMAGE_MAX_PIXELS // 1_000_000} million pixels. We remove its metadata "
        "(camera, location) and make a thumbnail for the catalogue.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Upload image"))


class PosterTendingForm(forms.Form):
    tracks = forms.ModelMultipleChoiceField(
        label="Presenters stand by the poster during",
        queryset=Track.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every session in which you or a co-author will be at the poster "
        "to answer questions. Leave all unticked if nobody will be.",
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tracks"].queryset = event.tracks.all()
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save"))
