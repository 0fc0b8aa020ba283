"""Presenters claim the posters organizers imported: by their verified email, or an invitation
link. A poster the visitor cannot even name (wrong link, someone else's email) is a 404; one
they can name but not claim is a 403 page that says why."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.generic import DetailView

from ecosystem_day.accounts.verification import lifetime

from .. import services
from ..models import PosterProposal


def unclaimed():
    return PosterProposal.objects.filter(submitter__isnull=True).select_related("event", "topic")


class ClaimView(LoginRequiredMixin, DetailView):
    """Asks "Is this your poster?", then claims it."""

    template_name = "posters/claim.html"
    context_object_name = "poster"

    def token(self):
        return self.kwargs.get("token", "")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            services.check_claim(self.object, by=request.user, token=self.token())
        except services.ClaimRefused as refusal:
            return refused(request, refusal)
        return self.render_to_response(self.get_context_data(object=self.object))

    def post(self, request, *args, **kwargs):
        poster = self.get_object()
        try:
            services.claim_poster(poster, by=request.user, token=self.token())
        except services.ClaimRefused as refusal:
            return refused(request, refusal)
        messages.success(
            request,
            f"“{poster.title}” is yours: upload its image and say when you stand by it.",
        )
        return redirect(poster)


def refused(request, refusal):
    """Why the claim cannot be made, with a new verification link where that is the reason."""
    return TemplateResponse(
        request,
        "posters/claim_refused.html",
        {
            "reason": str(refusal),
            "needs_verified_email": isinstance(refusal, services.EmailNotVerified),
            "valid_for": lifetime(),
        },
        status=HTTPStatus.FORBIDDEN,
    )


class ClaimByEmailView(ClaimView):
    """An unclaimed poster organizers gave the signed-in user's email."""

    def get_queryset(self):
        return unclaimed().filter(claim_email__iexact=self.request.user.email)


class ClaimByLinkView(ClaimView):
    """The invitation link organizers send: anyone signed in who follows it may claim."""

    def get_object(self, queryset=None):
        return get_object_or_404(unclaimed().exclude(claim_token=""), claim_token=self.token())
