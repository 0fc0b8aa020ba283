"""Sign up, log in, reset a password, edit one's public profile."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView

from ecosystem_day.constraints import refused_by_constraints

from . import forms
from .profile import update_profile
from .throttling import throttled


@throttled("SIGNUP_RATE")
class SignUpView(FormView):
    template_name = "registration/signup.html"
    form_class = forms.SignUpForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            with refused_by_constraints():
                user = form.save()
        except ValidationError as refusal:  # the same address signed up a moment before
            form.add_error("email", refusal)
            return self.form_invalid(form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, f"Welcome, {user.name}! Your account is ready.")
        next_url = self.request.POST.get("next") or self.request.GET.get("next")
        if next_url and url_has_allowed_host_and_scheme(
            next_url, {self.request.get_host()}, self.request.is_secure()
        ):
            return redirect(next_url)
        return redirect(resolve_url(settings.LOGIN_REDIRECT_URL))


class LoginView(auth_views.LoginView):
    form_class = forms.EmailLoginForm
    redirect_authenticated_user = True

    def get_redirect_url(self):
        """A safe `next`, unless it leads back to logging in or out (a redirect loop)."""
        url = super().get_redirect_url()
        if url and urlsplit(url).path in (reverse("login"), reverse("logout")):
            return ""
        return url

    def get_default_redirect_url(self):
        """Organizers and reviewers start at their desk (a safe `next` still wins)."""
        if self.request.user.is_staff:
            return resolve_url("admin:index")
        return super().get_default_redirect_url()


@throttled("PASSWORD_RESET_RATE")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm


class ProfileView(LoginRequiredMixin, FormView):
    """The signed-in person's own public profile; there is no way to name anyone else's."""

    template_name = "registration/profile.html"
    form_class = forms.ProfileForm

    def get_initial(self):
        user = self.request.user
        return {"affiliation": user.affiliation, "bio": user.bio}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            update_profile(
                self.request.user,
                affiliation=data["affiliation"].strip(),
                bio=data["bio"].strip(),
                photo=data["photo"],
                remove_photo=data["remove_photo"],
            )
        except ValidationError as refusal:
            form.add_error("photo", refusal)
            return self.form_invalid(form)
        messages.success(self.request, "Your profile is saved.")
        return redirect("profile")
