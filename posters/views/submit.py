"""The submitter's pages for a poster: propose it, follow it, edit it, withdraw it, show it."""

from datetime import datetime
from http import HTTPStatus
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.generic import DetailView, FormView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from ecosystem_day.event.mixins import CurrentEventMixin, OwnedBySubmitterMixin

from .. import services
from ..authorship import author_rows, authored_by
from ..call import call_for
from ..forms import PosterImageForm, PosterProposalForm, PosterTendingForm
from ..models import ACCEPTED_STATES, PosterEdit, PosterProposal
from ..signals import page_sections


def spoken_list(items):
    """Names as a sentence says them: "Morning (EMEA) and Evening (APAC / US)"."""
    names = [str(item) for item in items]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def call_closed_response(request, event):
    """The 403 page for a proposal sent after the deadline: when it closed, in both zones."""
    return TemplateResponse(
        request, "posters/call_closed.html", {"event": event}, status=HTTPStatus.FORBIDDEN
    )


class SubmitPosterView(LoginRequiredMixin, CurrentEventMixin, FormView):
    template_name = "posters/submit.html"
    form_class = PosterProposalForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.event, "editor": self.request.user}

    def post(self, request, *args, **kwargs):
        if not call_for(self.event).is_open():
            return call_closed_response(request, self.event)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        proposal = services.submit_poster(
            event=self.event, submitter=self.request.user, **form.cleaned_data
        )
        return redirect("poster_submitted", pk=proposal.pk)


class OwnPosterMixin(LoginRequiredMixin):
    """A poster the user submitted or co-presents; anyone else's answers 404."""

    model = PosterProposal
    context_object_name = "poster"

    def get_queryset(self):
        return PosterProposal.objects.filter(authored_by(self.request.user)).select_related(
            "event__call_for_posters", "topic", "submitter"
        )


class HistoryLine(NamedTuple):
    at: datetime
    what: str
    note: str


def history_of(poster):
    """Its status changes and its edits (a claim, the author's edits), oldest first."""
    lines = [
        (change.changed_at, 0, change.pk, change.get_to_status_display(), change.note)
        for change in poster.status_changes.all()
    ]
    lines += [
        (edit.edited_at, 1, edit.pk, EDIT_HEADINGS[edit.kind], edit.note or _fields(edit))
        for edit in poster.edits.all()
    ]
    return [HistoryLine(at, what, note) for at, _, _, what, note in sorted(lines)]


# How the history heads each kind of edit (its note says the rest: "Claimed by …").
EDIT_HEADINGS = {
    PosterEdit.Kind.CLAIMED: "Presenter",
    PosterEdit.Kind.EDITED: "Edited",
    PosterEdit.Kind.IMPORTED: "Catalogue",
    PosterEdit.Kind.COPRESENTERS: "Co-presenters",
}


def _fields(edit):
    return ", ".join(services.field_labels(edit.changed))


class PosterDetailView(OwnPosterMixin, DetailView):
    template_name = "posters/detail.html"

    def get_context_data(self, **kwargs):
        poster = self.object
        return super().get_context_data(
            history=history_of(poster),
            is_submitter=poster.submitter_id == self.request.user.pk,
            copresenters=[row for _, _, row in author_rows(poster) if row is not None],
            tending=spoken_list(poster.tending_tracks.all()),
            sections=page_sections(poster, self.request, "owner"),
            **kwargs,
        )


class PosterSubmittedView(OwnPosterMixin, DetailView):
    template_name = "posters/submitted.html"


class PosterEditView(OwnPosterMixin, UpdateView):
    template_name = "posters/edit.html"
    form_class = PosterProposalForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "event": self.object.event,
            "editor": self.request.user,
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


class PosterWithdrawView(OwnedBySubmitterMixin, OwnPosterMixin, DetailView):
    """Withdrawing is the submitter's: a co-presenter's request answers 404."""

    template_name = "posters/withdraw.html"

    def post(self, request, *args, **kwargs):
        poster = self.get_object()
        try:
            services.withdraw_poster(poster, by=request.user)
        except services.InvalidStatusChange as refusal:
            messages.info(request, str(refusal))
        else:
            messages.success(request, f"“{poster.title}” is withdrawn.")
        return redirect(poster)


class AcceptedPosterFormView(OwnPosterMixin, SingleObjectMixin, FormView):
    """A form about the owner's poster that only makes sense once it is accepted."""

    not_accepted_message = ""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.is_accepted:
            raise services.ProposalLocked(self.not_accepted_message)
        return super().post(request, *args, **kwargs)

    @property
    def is_accepted(self):
        return self.object.status in ACCEPTED_STATES

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            is_accepted=self.is_accepted,
            not_accepted_message=self.not_accepted_message,
            **kwargs,
        )


class PosterImageView(AcceptedPosterFormView):
    template_name = "posters/image.html"
    form_class = PosterImageForm
    not_accepted_message = "Only an accepted poster can have its image on the site."

    def form_valid(self, form):
        try:
            services.attach_poster_image(
                self.object, form.cleaned_data["image"], by=self.request.user
            )
        except ValidationError as error:
            form.add_error("image", error)
            return self.form_invalid(form)
        messages.success(
            self.request, f"The image of “{self.object.title}” is saved and on its public page."
        )
        return redirect(self.object)


class PosterTendingView(AcceptedPosterFormView):
    template_name = "posters/tending.html"
    form_class = PosterTendingForm
    not_accepted_message = "Only an accepted poster is on show, so only it can be tended."

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "event": self.object.event}
        if self.request.method == "GET":
            kwargs["initial"] = {"tracks": list(self.object.tending_tracks.all())}
        return kwargs

    def form_valid(self, form):
        tracks = list(form.cleaned_data["tracks"])
        try:
            services.set_tending(self.object, tracks, by=self.request.user)
        except ValidationError as error:
            form.add_error("tracks", error)
            return self.form_invalid(form)
        if tracks:
            message = f"Saved: presenters stand by “{self.object.title}” during "
            message += f"{spoken_list(tracks)}."
        else:
            message = f"Saved: nobody stands by “{self.object.title}” during the sessions."
        messages.success(self.request, message)
        return redirect(self.object)
