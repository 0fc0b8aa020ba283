"""The submitter's own page: their posters and their breakouts, grouped by edition (the
current one first, then the others, latest first; a past edition's are shown read-only)."""

from dataclasses import dataclass, field

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView

from ecosystem_day.event.models import Event
from posters.authorship import authored_by
from posters.models import PosterProposal
from posters.services import posters_given_email_of

from ..breakout_settings import breakout_settings_for
from ..models import BreakoutProposal
from ..services import breakout_gate


@dataclass
class EditionProposals:
    """One edition's part of the page."""

    event: Event
    posters: list = field(default_factory=list)
    breakouts: list = field(default_factory=list)

    @property
    def read_only(self):
        return self.event.is_read_only


def by_edition(current, posters, breakouts):
    """The current edition first (even without proposals, to offer its call), then every
    other edition the user proposed something in, latest day first."""
    editions = {current.pk: EditionProposals(current)} if current else {}
    for kind, proposals in (("posters", posters), ("breakouts", breakouts)):
        for proposal in proposals:
            edition = editions.setdefault(proposal.event_id, EditionProposals(proposal.event))
            getattr(edition, kind).append(proposal)
    others = sorted(
        (edition for pk, edition in editions.items() if not current or pk != current.pk),
        key=lambda edition: (edition.event.date, edition.event.pk),
        reverse=True,
    )
    return [editions[current.pk], *others] if current else others


class MyProposalsView(LoginRequiredMixin, ListView):
    """Everything the user proposed, posters (theirs and those they co-present) and
    breakouts, in a fixed number of queries."""

    template_name = "sessions/my_proposals.html"
    context_object_name = "posters"

    def get_queryset(self):
        return (
            PosterProposal.objects.filter(authored_by(self.request.user))
            .select_related("event__call_for_posters", "topic")
            .order_by("-created_at")
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        if not hasattr(self.request, "current_event"):
            self.request.current_event = Event.objects.current()
        event = self.request.current_event
        breakouts = list(
            BreakoutProposal.objects.filter(submitter=user)
            .select_related("event", "poster")
            .order_by("-created_at")
        )
        claimable = [  # a past edition's posters stay as they were: nobody claims them
            poster
            for poster in posters_given_email_of(user)
            .select_related("event__call_for_posters", "topic")
            .order_by("title", "pk")
            if not poster.is_read_only
        ]
        can_propose_breakout = (
            event is not None
            and breakout_settings_for(event).is_open()
            and breakout_gate(user, event) is None
        )
        return super().get_context_data(
            breakouts=breakouts,
            editions=by_edition(event, self.object_list, breakouts),
            # Titles only once the address is verified; until then, how many wait for it.
            claimable=claimable if user.has_verified_email else [],
            claimable_once_verified=0 if user.has_verified_email else len(claimable),
            can_propose_breakout=can_propose_breakout,
            **kwargs,
        )
