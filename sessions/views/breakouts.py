"""Breakouts for presenters of an accepted poster: propose one, follow it, withdraw it."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.generic import DetailView, FormView

from ecosystem_day.event.mixins import CurrentEventMixin, OwnedBySubmitterMixin
from posters.call import call_for
from posters.proposals import InvalidStatusChange

from .. import services
from ..breakout_settings import breakout_settings_for
from ..forms import BreakoutProposalForm
from ..models import BreakoutProposal


def refused_response(request, event, refusal):
    """The 403 page for a proposal the rules refuse: why, and what to do next."""
    return TemplateResponse(
        request,
        "sessions/breakout_refused.html",
        {"event": event, "refusal": refusal, **next_step(event, refusal)},
        status=HTTPStatus.FORBIDDEN,
    )


def next_step(event, refusal):
    """Proposing a poster leads to a breakout only while the call for posters is open."""
    return {
        "suggest_poster": isinstance(refusal, services.NoAcceptedPoster)
        and call_for(event).is_open()
    }


class ProposeBreakoutView(LoginRequiredMixin, CurrentEventMixin, FormView):
    template_name = "sessions/breakout_propose.html"
    form_class = BreakoutProposalForm

    def refusal(self):
        """Why the user cannot propose a breakout now, or None."""
        if not breakout_settings_for(self.event).is_open():
            return services.BreakoutsClosed(self.event)
        return services.breakout_gate(self.request.user, self.event)

    def get(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal is not None:
            context = self.get_context_data(
                form=None, refusal=refusal, **next_step(self.event, refusal)
            )
            return self.render_to_response(context)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal is not None:
            return refused_response(request, self.event, refusal)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.event, "user": self.request.user}

    def form_valid(self, form):
        try:
            breakout = services.propose_breakout(
                event=self.event, submitter=self.request.user, **form.cleaned_data
            )
        except (services.NoAcceptedPoster, services.BreakoutsClosed) as refusal:
            return refused_response(self.request, self.event, refusal)
        messages.success(
            self.request,
            f"Thank you: your breakout “{breakout.title}” is proposed. "
            "We will email you the organizers' decision.",
        )
        return redirect(breakout)


class OwnBreakoutMixin(LoginRequiredMixin, OwnedBySubmitterMixin):
    model = BreakoutProposal
    context_object_name = "breakout"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "event", "poster", "preferred_track", "schedule_item__room", "schedule_item__track"
            )
        )


class BreakoutDetailView(OwnBreakoutMixin, DetailView):
    template_name = "sessions/breakout_detail.html"

    def get_context_data(self, **kwargs):
        breakout = self.object
        try:
            schedule_item = breakout.schedule_item
        except ObjectDoesNotExist:
            schedule_item = None
        history = sorted(
            [*breakout.status_changes.all(), *breakout.slot_changes.all()],
            key=lambda change: change.changed_at,
        )
        return super().get_context_data(
            history=history,
            schedule_item=schedule_item,
            **kwargs,
        )


class BreakoutWithdrawView(OwnBreakoutMixin, DetailView):
    template_name = "sessions/breakout_withdraw.html"

    def post(self, request, *args, **kwargs):
        breakout = self.get_object()
        try:
            services.change_breakout_status(
                breakout, BreakoutProposal.Status.WITHDRAWN, by=request.user
            )
        except InvalidStatusChange as refusal:
            messages.info(request, str(refusal))
        else:
            messages.success(request, f"The breakout “{breakout.title}” is withdrawn.")
        return redirect("my_proposals")
