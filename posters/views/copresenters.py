"""An invited author joins a poster by the emailed link; its submitter removes a co-presenter.

The link's page asks, then a button joins (a GET changes nothing). A link that does not act
(used, replaced, expired, withdrawn) or an account it does not let join is a 403 page that
says why, with a new verification link where that is what is missing.
"""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views import View

from ecosystem_day.accounts.links import LinkRefused
from ecosystem_day.accounts.verification import lifetime

from .. import invitations
from ..copresenters import CoPresenter
from ..models import PosterProposal


def refused(request, refusal):
    return TemplateResponse(
        request,
        "posters/join_refused.html",
        {
            "reason": str(refusal),
            "needs_verified_email": isinstance(refusal, invitations.JoinNeedsVerifiedEmail),
            "valid_for": lifetime(),
        },
        status=HTTPStatus.FORBIDDEN,
    )


class JoinView(LoginRequiredMixin, View):
    """ "Join “…” as a co-presenter?", then joins."""

    def get(self, request, token):
        try:
            row = invitations.invited_by_link(token)
            invitations.check_join(row, by=request.user)
        except (LinkRefused, invitations.JoinRefused) as refusal:
            return refused(request, refusal)
        return TemplateResponse(
            request, "posters/join.html", {"invitation": row, "poster": row.poster}
        )

    def post(self, request, token):
        try:
            row = invitations.join(token, by=request.user)
        except (LinkRefused, invitations.JoinRefused) as refusal:
            return refused(request, refusal)
        messages.success(
            request,
            f"You now present “{row.poster.title}” with its authors: it is on your page.",
        )
        return redirect(row.poster)


class SubmittersCoPresenterView(LoginRequiredMixin, View):
    """A button beside a co-presenter on the proposal's page, for its submitter (POST only;
    anyone else's poster, or a co-presenter of another, answers 404)."""

    def post(self, request, pk, copresenter):
        poster = get_object_or_404(PosterProposal, pk=pk, submitter=request.user)
        row = get_object_or_404(CoPresenter, pk=copresenter, poster=poster)
        return self.act(poster, row)


class RemoveCoPresenterView(SubmittersCoPresenterView):
    def act(self, poster, row):
        request = self.request
        invitations.remove_copresenter(poster, row.pk, by=request.user)
        messages.success(
            request,
            f"{row.name} no longer co-presents “{poster.title}”; their name stays among the "
            "authors until you edit the proposal.",
        )
        return redirect(poster)


class InviteAgainView(SubmittersCoPresenterView):
    def act(self, poster, row):
        try:
            invitations.invite_again(poster, row.pk, by=self.request.user)
        except invitations.JoinRefused as refusal:
            messages.info(self.request, str(refusal))
        else:
            messages.success(
                self.request,
                f"A new invitation is on its way to {row.email}; the earlier link no longer works.",
            )
        return redirect(poster)
