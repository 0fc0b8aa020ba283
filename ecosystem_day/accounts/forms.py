"""Sign-up, log-in and password forms; the email is the user name."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import forms as auth_forms

from .models import User


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
            raise forms.ValidationError(
                "An account with this email already exists. Log in, or reset its password."
            )
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
    submit_label = "Send me a reset link"


class SetPasswordForm(CrispyMixin, auth_forms.SetPasswordForm):
    submit_label = "Set my new password"
