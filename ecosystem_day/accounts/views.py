"""Sign up, log in, reset a password, verify one's email, edit one's public profile."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import FormView, TemplateView

from ecosystem_day.event.models import Event
from ecosystem_day.infra.constraints import refused_by_constraints

from . import forms, verification
from .links import LinkRefused
from .profile import update_profile
from .throttling import throttled


def _safe_next(request):
    """The `next` the request names, if it stays on this site; else ""."""
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return ""


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
            with transaction.atomic():  # the account and its verification email, or neither
                with refused_by_constraints():
                    user = form.save()
                verification.send_verification_link(user)
        except ValidationError as refusal:  # the same address signed up a moment before
            form.add_error("email", refusal)
            return self.form_invalid(form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, f"Welcome, {user.name}! Your account is ready.")
        messages.info(self.request, _link_sent(user))
        return redirect(_safe_next(self.request) or resolve_url(settings.LOGIN_REDIRECT_URL))


def _link_sent(user):
    return (
        f"We sent a link to {user.email} to verify your address: it works once, for "
        f"{verification.lifetime()}."
    )


class VerifyEmailView(TemplateView):
    """The link in the "Verify your email" message: a page that asks, then a POST that
    verifies (a mail scanner that opens links must not use it up). No log-in needed: the
    link alone names the account."""

    template_name = "registration/verify_email.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(valid_for=verification.lifetime(), **kwargs)

    def get(self, request, token):
        try:
            user = verification.user_to_verify(token)
        except LinkRefused as refusal:
            return self.refused(refusal)
        return self.render_to_response(self.get_context_data(account=user))

    def post(self, request, token):
        try:
            user = verification.verify_email(token)
        except LinkRefused as refusal:
            return self.refused(refusal)
        messages.success(request, f"Thank you: {user.email} is verified.")
        if request.user.pk == user.pk:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return redirect_to_login(resolve_url(settings.LOGIN_REDIRECT_URL))

    def refused(self, refusal):
        user = self.request.user
        return self.render_to_response(
            self.get_context_data(
                refusal=refusal,
                already_verified=user.is_authenticated and user.has_verified_email,
            )
        )


@throttled("VERIFICATION_EMAIL_RATE", key="user")
class SendVerificationLinkView(LoginRequiredMixin, View):
    """A new "Verify your email" link, from the profile or /me/; back where the button was."""

    http_method_names = ["post"]

    def post(self, request):
        user = request.user
        if user.has_verified_email:
            messages.info(request, f"Your email address {user.email} is already verified.")
        else:
            with transaction.atomic():
                verification.send_verification_link(user)
            messages.success(request, _link_sent(user))
        return redirect(_safe_next(request) or "profile")


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
        return {"affiliation": user.affiliation, "bio": user.bio, "time_zone": user.time_zone}

    def get_form_kwargs(self):
        event = Event.objects.current()
        return {**super().get_form_kwargs(), "event_zone": event.time_zone if event else None}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            update_profile(
                self.request.user,
                affiliation=data["affiliation"].strip(),
                bio=data["bio"].strip(),
                photo=data["photo"],
                remove_photo=data["remove_photo"],
                time_zone=data["time_zone"],
            )
        except ValidationError as refusal:
            form.add_error("photo", refusal)
            return self.form_invalid(form)
        messages.success(self.request, "Your profile is saved.")
        return redirect("profile")
