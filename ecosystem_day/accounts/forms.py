"""Sign-up, log-in and password forms; the email is the user name."""

from urllib.parse import urlsplit

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ecosystem_day.infra.images import IMAGE_MAX_BYTES, IMAGE_MAX_PIXELS
from ecosystem_day.infra.mail import queue_email
from ecosystem_day.infra.timezones import known_zone_names

from .models import ACCOUNT_EXISTS, User


class CrispyMixin:
    submit_label = "Submit"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class SignUpForm(CrispyMixin, auth_forms.BaseUserCreationForm):
    submit_label = "Create account"

    class Meta:
        model = User
        fields = ["name", "email"]
        labels = {"name": "Your name"}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(ACCOUNT_EXISTS)
        return email


class EmailLoginForm(CrispyMixin, auth_forms.AuthenticationForm):
    submit_label = "Log in"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autofocus": True, "autocomplete": "email"}
        )


class PasswordResetForm(CrispyMixin, auth_forms.PasswordResetForm):
    """Queues exactly one message per request, whether or not the address has an account.

    Known address: the reset link. Unknown: a note that no account uses it. Both take the
    same steps (one lookup, one rendering, one queued row), so neither the page nor its
    timing tells a stranger whether someone has an account.
    """

    submit_label = "Send me a reset link"

    def save(self, token_generator=default_token_generator, **kwargs):
        email = self.cleaned_data["email"]
        context = {"email": email, "site": urlsplit(settings.SITE_URL).netloc}
        user = next(iter(self.get_users(email)), None)
        if user is None:
            queue_email("account-no-account", email, {**context, "signup_url": _url("signup")})
            return
        link = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": token_generator.make_token(user),
            },
        )
        queue_email(
            "account-password-reset",
            user.email,
            {**context, "name": user.name, "reset_url": settings.SITE_URL + link},
        )


def _url(name):
    return settings.SITE_URL + reverse(name)


class SetPasswordForm(CrispyMixin, auth_forms.SetPasswordForm):
    submit_label = "Set my new password"


BIO_MAX_LENGTH = 2000


class ProfileForm(forms.Form):
    """What attendees read about a presenter on the speakers page."""

    affiliation = forms.CharField(
        max_length=150,
        required=False,
        help_text="Your company, university or project, as it should appear on the programme.",
    )
    bio = forms.CharField(
        label="Short bio",
        max_length=BIO_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"A few sentences, at most {BIO_MAX_LENGTH:,} characters.",
    )
    photo = forms.FileField(
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
        help_text=f"A PNG or JPEG image, up to {IMAGE_MAX_BYTES // 1024 // 1024} MB and "
        f"{IMAGE_MAX_PIXELS // 1_000_000} million pixels. We remove its metadata (camera, "
        "location). A new photo replaces the current one.",
    )
    remove_photo = forms.BooleanField(label="Remove my photo", required=False)
    time_zone = forms.ChoiceField(
        label="Your time zone",
        required=False,
        help_text="Private: the dates and times in the emails we send you are written in it.",
    )

    def __init__(self, *args, event_zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        same = f"The event's ({event_zone})" if event_zone else "The event's"
        self.fields["time_zone"].choices = [("", same)] + [
            (name, name.replace("_", " ")) for name in sorted(known_zone_names())
        ]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save profile"))
