"""Decisions in the admin: one proposal from its page, or a selection in bulk after a page
that lists what will change (each proposal, from → to) with an optional note.

Both go through the app's transition (`change_status` / `change_statuses` on the concrete
admin), so each decision is checked, locked, recorded and mailed exactly once. The bulk
confirmation carries the statuses the organizer saw: a proposal someone else decided in the
meantime is left to that first decision, never decided (and mailed) twice.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from ecosystem_day.event.frozen import check_writable

from .models import DECIDED_STATES
from .models import ProposalStatus as Status
from .proposals import ALLOWED_CHANGES, InvalidStatusChange

DECISION_LABELS = {
    Status.ACCEPTED: "Accept",
    Status.WAITLISTED: "Wait-list",
    Status.REJECTED: "Reject",
}
BULK_ACTIONS = {"accept": Status.ACCEPTED, "waitlist": Status.WAITLISTED, "reject": Status.REJECTED}
CONFIRMED = "post"  # the confirmation page's field, as Django's delete_selected names it
NOTE_HELP = "Optional. Included in the email to the submitter and kept in the history."


class DecisionForm(forms.Form):
    to_status = forms.ChoiceField(
        label="Decision",
        choices=list(DECISION_LABELS.items()),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=NOTE_HELP,
    )

    def __init__(self, *args, current=None, **kwargs):
        """`current`: the proposal's status; only the decisions it allows are offered."""
        super().__init__(*args, **kwargs)
        if current is not None:
            allowed = ALLOWED_CHANGES[Status(current)] & DECIDED_STATES
            self.fields["to_status"].choices = [
                (value, label) for value, label in DECISION_LABELS.items() if value in allowed
            ]


class BulkNoteForm(forms.Form):
    note = forms.CharField(
        label="Note to the submitters",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Optional. Included in each email and kept in each proposal's history.",
    )


class ProposalDecisions:
    """Mixed into ProposalAdmin: the decide page and the bulk decisions."""

    change_status = None  # the app's transition: staticmethod(f(proposal, to, *, by, note))
    change_statuses = None  # the same for a selection: returns (changed, refusals)

    def has_decide_permission(self, request):
        return request.user.has_perm(self.model.decide_permission)

    def decide_view(self, request, pk):
        """One proposal, one decision, with an optional note for the submitter."""
        if not self.has_decide_permission(request):
            raise PermissionDenied
        proposal = get_object_or_404(self.model.objects.select_related("event"), pk=pk)
        check_writable(proposal.event)
        form = DecisionForm(request.POST or None, current=proposal.status)
        if request.method == "POST" and form.is_valid():
            try:
                self.change_status(
                    proposal,
                    form.cleaned_data["to_status"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except InvalidStatusChange as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                decision = Status(form.cleaned_data["to_status"]).label.lower()
                told = (
                    "the submitter is being emailed"
                    if proposal.submitter_id
                    else "nobody is emailed: no presenter has claimed it yet"
                )
                self.message_user(
                    request, f"“{proposal.title}” is now {decision}; {told}.", messages.SUCCESS
                )
            return redirect(f"admin:{self._url_name('change')}", pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Decide on “{proposal.title}”",
            "proposal": proposal,
            "form": form,
        }
        return TemplateResponse(request, "admin/decide.html", context)

    def decision_buttons(self, request):
        """The bulk decisions the user may take on this list, as (action, label) pairs."""
        actions = self.get_actions(request)
        return [(name, DECISION_LABELS[to]) for name, to in BULK_ACTIONS.items() if name in actions]

    def decide_in_bulk(self, request, queryset, to_status):
        """First a page listing what will change; once confirmed, one transition for the
        whole selection."""
        form = BulkNoteForm(request.POST if CONFIRMED in request.POST else None)
        if form.is_bound:  # what the confirmation listed, even if it left the list since
            ticked = [pk for pk in request.POST.getlist(ACTION_CHECKBOX_NAME) if pk.isdigit()]
            queryset = self.model.objects.filter(pk__in=ticked)
        rows = list(queryset.select_related("submitter").order_by("-created_at", "-pk"))
        if form.is_valid():
            sent = {f"seen-{row.pk}": row.pk for row in rows}
            seen = {pk: request.POST[name] for name, pk in sent.items() if name in request.POST}
            return self.apply_bulk_decision(request, rows, to_status, form, seen)
        changing = [row for row in rows if to_status in ALLOWED_CHANGES[Status(row.status)]]
        staying = [row for row in rows if row not in changing]
        action = next(name for name, to in BULK_ACTIONS.items() if to == to_status)
        verb = DECISION_LABELS[to_status]
        emailed = sum(1 for row in changing if row.submitter_id)
        kind = self.opts.verbose_name_plural
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{verb} {len(changing)} {kind}?",
            "to_status": Status(to_status),
            "action": action,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "changing": changing,
            "staying": staying,
            "emailed": emailed,
            "unclaimed": len(changing) - emailed,
            "form": form,
            "confirm_label": f"{verb} {len(changing)} {kind} and email the submitters",
            "back_url": request.get_full_path(),
        }
        return TemplateResponse(request, "admin/decide_selected.html", context)

    def apply_bulk_decision(self, request, rows, to_status, form, seen):
        changed, refused = self.change_statuses(
            rows, to_status, by=request.user, note=form.cleaned_data["note"], seen=seen
        )
        if changed:
            emailed = sum(1 for row in changed if row.submitter_id)
            self.message_user(
                request,
                f"{len(changed)} proposal(s) now {Status(to_status).label.lower()}; "
                f"{emailed} submitter(s) are being emailed, once each.",
                messages.SUCCESS,
            )
        for refusal in refused:
            self.message_user(request, str(refusal), messages.WARNING)
        return None  # back to the list, as it was

    @admin.action(description="Accept the selected proposals…", permissions=["decide"])
    def accept(self, request, queryset):
        return self.decide_in_bulk(request, queryset, Status.ACCEPTED)

    @admin.action(description="Wait-list the selected proposals…", permissions=["decide"])
    def waitlist(self, request, queryset):
        return self.decide_in_bulk(request, queryset, Status.WAITLISTED)

    @admin.action(description="Reject the selected proposals…", permissions=["decide"])
    def reject(self, request, queryset):
        return self.decide_in_bulk(request, queryset, Status.REJECTED)
