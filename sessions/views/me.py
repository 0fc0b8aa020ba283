"""The submitter's own page: their posters and their breakouts, where both are known."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView

from ecosystem_day.models import Event
from posters.models import PosterProposal
from posters.services import posters_given_email_of

from ..models import BreakoutProposal
from ..services import breakout_gate


class MyProposalsView(LoginRequiredMixin, ListView):
    """Everything the user proposed, posters and breakouts, in a fixed number of queries."""

    template_name = "sessions/my_proposals.html"
    context_object_name = "posters"

    def get_queryset(self):
        return (
            PosterProposal.objects.filter(submitter=self.request.user)
            .select_related("event", "topic")
            .order_by("-created_at")
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        if not hasattr(self.request, "current_event"):
            self.request.current_event = Event.objects.current()
        event = self.request.current_event
        breakouts = (
            BreakoutProposal.objects.filter(submitter=user)
            .select_related("event", "poster")
            .order_by("-created_at")
        )
        claimable = (
            posters_given_email_of(user).select_related("event", "topic").order_by("title", "pk")
        )
        can_propose_breakout = (
            event is not None and event.breakouts_are_open() and breakout_gate(user, event) is None
        )
        return super().get_context_data(
            breakouts=breakouts,
            # Titles only once the address is verified; until then, how many wait for it.
            claimable=claimable if user.has_verified_email else [],
            claimable_once_verified=0 if user.has_verified_email else claimable.count(),
            can_propose_breakout=can_propose_breakout,
            **kwargs,
        )
