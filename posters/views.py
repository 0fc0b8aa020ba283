"""The submitter's pages: propose a poster, follow it, edit it, withdraw it."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.generic import DetailView, FormView, ListView, UpdateView

from ecosystem_day.mixins import CurrentEventMixin, OwnedBySubmitterMixin

from . import services
from .forms import PosterProposalForm
from .models import PosterProposal


def call_closed_response(request, event):
    """The 403 page for a proposal sent after the deadline: when it closed, in both zones."""
    return TemplateResponse(
        request, "posters/call_closed.html", {"event": event}, status=HTTPStatus.FORBIDDEN
    )


class SubmitPosterView(LoginRequiredMixin, CurrentEventMixin, FormView):
    template_name = "posters/submit.html"
    form_class = PosterProposalForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.event}

    def post(self, request, *args, **kwargs):
        if not self.event.cfp_is_open():
            return call_closed_response(request, self.event)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        proposal = services.submit_poster(
            event=self.event, submitter=self.request.user, **form.cleaned_data
        )
        return redirect("poster_submitted", pk=proposal.pk)


class MyProposalsView(LoginRequiredMixin, ListView):
    template_name = "posters/my_proposals.html"
    context_object_name = "posters"

    def get_queryset(self):
        return (
            PosterProposal.objects.filter(submitter=self.request.user)
            .select_related("event", "topic")
            .order_by("-created_at")
        )


class OwnPosterMixin(LoginRequiredMixin, OwnedBySubmitterMixin):
    model = PosterProposal
    context_object_name = "poster"

    def get_queryset(self):
        return super().get_queryset().select_related("event", "topic")


class PosterDetailView(OwnPosterMixin, DetailView):
    template_name = "posters/detail.html"

    def get_context_data(self, **kwargs):
        history = self.object.status_changes.select_related("changed_by")
        return super().get_context_data(history=history, **kwargs)


class PosterSubmittedView(OwnPosterMixin, DetailView):
    template_name = "posters/submitted.html"


class PosterEditView(OwnPosterMixin, UpdateView):
    template_name = "posters/edit.html"
    form_class = PosterProposalForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "event": self.object.event,
            "submit_label": "Save changes",
        }

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        # Refuse before validating, so a late edit never reaches the form.
        try:
            services.check_author_can_edit(self.object, by=request.user)
        except services.CallForPostersClosed:
            return call_closed_response(request, self.object.event)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        services.update_poster(self.object, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, "Your changes are saved.")
        return redirect(self.object)


class PosterWithdrawView(OwnPosterMixin, DetailView):
    template_name = "posters/withdraw.html"

    def post(self, request, *args, **kwargs):
        poster = self.get_object()
        try:
            services.withdraw_poster(poster, by=request.user)
        except services.InvalidStatusChange as refusal:
            messages.info(request, str(refusal))
        else:
            messages.success(request, f"“{poster.title}” is withdrawn.")
        return redirect("my_proposals")
