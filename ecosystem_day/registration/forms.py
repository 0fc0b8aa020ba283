"""The registration form (new, and its owner's changes) and the sign-in link request."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.html import format_html

from ecosystem_day.event.templatetags.schedule_time import span_html
from ecosystem_day.infra.text import clean_text
from ecosystem_day.infra.timezones import parse_time_zone

from .models import ALREADY_REGISTERED, Question, Registration, Status

ANSWER_MAX = 2000


def session_label(track, event, zone):
    """A session's checkbox: its name, then when it runs as the schedule writes it, in `zone`
    first and the event's time below (`<time>` elements static/js/registration.js rewrites in
    the zone the visitor types); the event's time alone when `zone` is None or the event's."""
    shown = zone if zone is not None and zone.key != event.tz.key else None
    return format_html(
        '<span class="d-block">{}</span> {}',
        track.name,
        span_html(track.starts_at, track.ends_at, event.tz, event.date, shown),
    )


class RegistrationForm(forms.Form):
    """Name, email, affiliation, country or region, sessions, time zone, code of conduct and
    the organizers' questions. `registration` given: its owner changing it (no email or
    consent asked again)."""

    name = forms.CharField(label="Your name", max_length=150)
    email = forms.EmailField(max_length=254, help_text="We send your sign-in link here.")
    affiliation = forms.CharField(max_length=150, required=False, help_text="Optional.")
    country = Registration._meta.get_field("country").formfield(
        required=False, label="Country or region", help_text="Optional."
    )
    tracks = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Sessions",
        help_text="Times in your time zone (the field below); the event's time is under each "
        "when it differs.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one session."},
    )
    time_zone = forms.CharField(
        label="Your time zone",
        max_length=64,
        help_text="Your browser's zone is filled in; change it if you will be elsewhere "
        "(an IANA name such as Asia/Tokyo).",
        widget=forms.TextInput(attrs={"data-browser-time-zone": "", "autocomplete": "off"}),
    )
    code_of_conduct = forms.BooleanField(
        label="I have read the code of conduct and agree to follow it.",
        error_messages={"required": "Please accept the code of conduct to register."},
    )

    def __init__(
        self,
        *args,
        event,
        questions,
        registration=None,
        submit_label="Register",
        visitor_zone=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.event, self.questions, self.registration = event, questions, registration
        self.fields["tracks"].queryset = event.tracks.all()
        zone = self.zone_to_show(visitor_zone)
        self.fields["tracks"].label_from_instance = lambda track: session_label(track, event, zone)
        for question in questions:
            self.fields[f"question_{question.pk}"] = self._question_field(question)
        if registration is not None:
            del self.fields["email"], self.fields["code_of_conduct"]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label))

    def zone_to_show(self, visitor_zone):
        """The sessions' times follow the zone in the form: the one just typed (sent back with
        an error), the registration's, else the one the visitor asked for (?tz=)."""
        typed = self.data.get("time_zone", "") if self.is_bound else self.initial.get("time_zone")
        return parse_time_zone((typed or "").strip()) or visitor_zone

    @staticmethod
    def _question_field(question):
        if question.kind == Question.Kind.CHOICE:
            choices = [(choice, choice) for choice in question.choice_list()]
            return forms.ChoiceField(
                label=question.label,
                required=question.required,
                choices=[("", "Choose…"), *choices],
            )
        return forms.CharField(
            label=question.label,
            required=question.required,
            max_length=ANSWER_MAX,
            widget=forms.Textarea(attrs={"rows": 2}),
        )

    def clean_name(self):
        return " ".join(clean_text(self.cleaned_data["name"], multiline=False).split())

    def clean_affiliation(self):
        return " ".join(clean_text(self.cleaned_data["affiliation"], multiline=False).split())

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if (
            Registration.objects.filter(
                event=self.event, email__iexact=email, anonymised_at__isnull=True
            )
            .exclude(status=Status.CANCELLED)  # a cancelled one registers again (services)
            .exists()
        ):
            raise forms.ValidationError(ALREADY_REGISTERED)
        return email

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"].strip()
        if parse_time_zone(name) is None:
            raise forms.ValidationError(
                f"“{name}” is not a time zone we know: use an IANA name such as Asia/Tokyo."
            )
        return name

    def answers(self):
        """{question: its answer} from the cleaned data, control characters removed."""
        return {
            question: clean_text(self.cleaned_data.get(f"question_{question.pk}") or "").strip()
            for question in self.questions
        }

    def registration_fields(self):
        data = self.cleaned_data
        fields = {
            "name": data["name"],
            "affiliation": data["affiliation"],
            "country": data["country"] or "",
            "tracks": list(data["tracks"]),
            "time_zone": data["time_zone"],
            "answers": self.answers(),
        }
        if self.registration is None:
            fields["email"] = data["email"]
        return fields


class SignInLinkForm(forms.Form):
    email = forms.EmailField(max_length=254, help_text="The address you registered with.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Email me a sign-in link"))
