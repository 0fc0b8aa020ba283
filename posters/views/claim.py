"""Presenters claim the posters organizers imported: by their email, or an invitation link."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView

from .. import services
from ..models import PosterProposal


def unclaimed():
    return PosterProposal.objects.filter(submitter__isnull=True).select_related("event", "topic")


class ClaimView(LoginRequiredMixin, DetailView):
    """Asks "Is this your poster?", then claims it; a poster not claimable here is a 404."""

    template_name = "posters/claim.html"
    context_object_name = "poster"

    def post(self, request, *args, **kwargs):
        poster = self.get_object()
        try:
            services.claim_poster(poster, by=request.user, token=self.kwargs.get("token", ""))
        except services.ClaimRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(settings.LOGIN_REDIRECT_URL)  # the presenter's own page
        messages.success(
            request,
            f"“{poster.title}” is yours: upload its image and say when you stand by it.",
        )
        return redirect(poster)


class ClaimByEmailView(ClaimView):
    """An unclaimed poster organizers gave the signed-in user's email."""

    def get_queryset(self):
        return unclaimed().filter(claim_email__iexact=self.request.user.email)


class ClaimByLinkView(ClaimView):
    """The invitation link organizers send: anyone signed in who follows it may claim."""

    def get_object(self, queryset=None):
        token = self.kwargs["token"]
        return get_object_or_404(unclaimed().exclude(claim_token=""), claim_token=token)
