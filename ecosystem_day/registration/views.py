"""Registering for the current edition, signing in by email, and "My registration"."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView, TemplateView

from ecosystem_day.event.mixins import CurrentEventMixin

from ..accounts.links import LinkRefused
from ..accounts.throttling import throttled
from . import links, notices, services
from .forms import RegistrationForm, SignInLinkForm
from .models import Registration, RegistrationSettings

SIGN_IN_REQUEST = reverse_lazy("registration_sign_in_request")


class EditionRegistrationMixin(CurrentEventMixin):
    @cached_property
    def registration_settings(self):
        found = RegistrationSettings.objects.filter(event=self.event).first()
        if found is None:
            raise Http404(f"Registration for {self.event.name} is not set up yet.")
        return found

    def questions(self):
        return list(self.event.questions.all())

    def get_context_data(self, **kwargs):
        return super().get_context_data(registration_settings=self.registration_settings, **kwargs)


def _refused(request, refusal, template="registration/attendee_refused.html"):
    return TemplateResponse(request, template, {"refusal": refusal}, status=HTTPStatus.FORBIDDEN)


@throttled("REGISTRATION_RATE")
class RegisterView(EditionRegistrationMixin, FormView):
    """The form while registration is open; otherwise when it opens or that it closed, or the
    external address organizers chose (and no form)."""

    template_name = "registration/attendee_register.html"
    form_class = RegistrationForm

    def get(self, request, *args, **kwargs):
        mine = services.registration_of(request.user, self.event)
        if mine is not None and mine.is_active:
            return redirect("my_registration")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        found = self.registration_settings
        if found.is_external or not found.is_open():
            return _refused(request, services.RegistrationClosed(found))
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "event": self.event,
            "questions": self.questions(),
            "visitor_zone": self.request.visitor_tz,
        }

    def get_initial(self):
        user = self.request.user
        return {"name": user.name, "email": user.email} if user.is_authenticated else {}

    def form_valid(self, form):
        try:
            registration = services.register(
                event=self.event, by=self.request.user, **form.registration_fields()
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
            return self.form_invalid(form)
        except services.RegistrationClosed as refusal:
            return _refused(self.request, refusal)
        self.request.session["registered_as"] = [registration.email, registration.status]
        return redirect("registration_sent")


class RegistrationSentView(CurrentEventMixin, TemplateView):
    """After registering: seat or wait list, and the email to look for."""

    template_name = "registration/attendee_sent.html"

    def get_context_data(self, **kwargs):
        email, status = self.request.session.get("registered_as", ["", ""])
        return super().get_context_data(
            email=email, wait_listed=status == Registration.Status.WAIT_LISTED, **kwargs
        )


@throttled("SIGN_IN_LINK_RATE")
class SignInLinkRequestView(CurrentEventMixin, FormView):
    """A new sign-in link to the address registered; the answer is the same for an address
    that registered and one that did not."""

    template_name = "registration/attendee_sign_in_request.html"
    form_class = SignInLinkForm

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        with transaction.atomic():
            registration = (
                Registration.objects.filter(
                    event=self.event, email__iexact=email, anonymised_at__isnull=True
                )
                .select_related("event")
                .first()
            )
            if registration is not None:
                notices.sign_in_link(registration)
        messages.success(
            self.request,
            f"If {email} is registered for {self.event.name}, a sign-in link is on its way "
            f"there: it works once, for {links.lifetime()}.",
        )
        return redirect("registration_sign_in_request")


class SignInView(TemplateView):
    """The link in a registration's email: a page that asks, then a POST that signs in (a mail
    scanner that opens links must not use it up)."""

    template_name = "registration/attendee_sign_in.html"

    def get(self, request, token):
        try:
            registration = links.registration_to_sign_in(token)
        except LinkRefused as refusal:
            return self.render_to_response(self.get_context_data(refusal=refusal))
        return self.render_to_response(self.get_context_data(registration=registration))

    def post(self, request, token):
        try:
            user = links.sign_in_with_link(token)
        except LinkRefused as refusal:
            return self.render_to_response(self.get_context_data(refusal=refusal))
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.name}: you are signed in.")
        return redirect("my_registration")

    def get_context_data(self, **kwargs):
        return super().get_context_data(valid_for=links.lifetime(), **kwargs)


class OwnRegistrationMixin(LoginRequiredMixin, EditionRegistrationMixin):
    login_url = SIGN_IN_REQUEST

    @cached_property
    def registration(self):
        return services.registration_of(self.request.user, self.event)


class MyRegistrationView(OwnRegistrationMixin, FormView):
    """See it; change the sessions, zone, answers and details while registration is open."""

    template_name = "registration/attendee_mine.html"
    form_class = RegistrationForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "event": self.event,
            "questions": self.questions(),
            "registration": self.registration,
            "submit_label": "Save changes",
            "visitor_zone": self.request.visitor_tz,
        }

    def get_form(self, form_class=None):
        mine = self.registration
        if mine is None or not mine.is_active or not self.registration_settings.is_open():
            return None
        return super().get_form(form_class)

    def get_initial(self):
        mine = self.registration
        answers = {f"question_{answer.question_id}": answer.value for answer in mine.answers.all()}
        return {
            "name": mine.name,
            "affiliation": mine.affiliation,
            "country": mine.country,
            "tracks": list(mine.tracks.all()),
            "time_zone": mine.time_zone,
            **answers,
        }

    def get_context_data(self, **kwargs):
        mine = self.registration
        return super().get_context_data(
            registration=mine,
            answers=list(mine.answers.all()) if mine else [],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form is None:
            if self.registration is None:
                raise Http404("You are not registered for this edition.")
            return _refused(
                request,
                services.RegistrationNotChangeable("This registration can no longer be changed."),
            )
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def form_valid(self, form):
        try:
            services.change_registration(
                self.registration, by=self.request.user, **form.registration_fields()
            )
        except ValidationError as refusal:
            form.add_error(None, refusal)
            return self.form_invalid(form)
        messages.success(self.request, "Your registration is changed; we emailed the new times.")
        return redirect("my_registration")


class RegistrationStepView(OwnRegistrationMixin, TemplateView):
    """A confirmation page, then a POST that runs `transition` on the person's registration."""

    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and (
            self.registration is None or not self.allowed(self.registration)
        ):
            raise Http404("There is no registration of yours to change.")
        return super().dispatch(request, *args, **kwargs)

    def allowed(self, registration):
        return registration.is_active

    def get_context_data(self, **kwargs):
        return super().get_context_data(registration=self.registration, **kwargs)

    def post(self, request):
        self.transition(self.registration, by=request.user)
        messages.success(request, self.success_message)
        return redirect("my_registration")


class CancelRegistrationView(RegistrationStepView):
    template_name = "registration/attendee_cancel.html"
    success_message = "Your registration is cancelled."
    transition = staticmethod(services.cancel_registration)


class ForgetRegistrationView(RegistrationStepView):
    template_name = "registration/attendee_forget.html"
    success_message = "Your registration's data is deleted."
    transition = staticmethod(services.forget_registration)

    def allowed(self, registration):
        return True


class ItemRemindersView(RegistrationStepView):
    """Reminders before each starred item, on or off (My agenda and My registration post
    here, then the visitor goes back where they were)."""

    template_name = "registration/attendee_reminders.html"

    def post(self, request):
        on = request.POST.get("on") == "1"
        services.set_item_reminders(self.registration, by=request.user, on=on)
        minutes = self.registration.item_reminder_minutes
        messages.success(
            request,
            f"We will email you {minutes} minutes before each item you starred."
            if on
            else "No more reminders before your starred items.",
        )
        return HttpResponseRedirect(_back_on_this_site(request, reverse("my_registration")))


def _back_on_this_site(request, default):
    """The page the form came from (`next`): a path on this site, else `default`."""
    back = request.POST.get("next", "")
    on_this_site = back.startswith("/") and url_has_allowed_host_and_scheme(
        back, {request.get_host()}, request.is_secure()
    )
    return back if on_this_site else default
