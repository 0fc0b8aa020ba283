"""Schedule releases in the organizers' panel: what changed since the last release, a note,
and the button that publishes it (one email per presenter whose slot changed)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join

from ecosystem_day.event.admin_editions import EditionFilter
from ecosystem_day.event.frozen import check_writable
from ecosystem_day.event.models import Event

from . import releases
from .models import ScheduleRelease
from .snapshot import snapshot_of


class ReleaseForm(forms.Form):
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
        help_text="Optional: shown to attendees above the change log and sent to presenters.",
    )
    # The version the page showed: a release made since then refuses this one (ReleasedMeanwhile).
    seen = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


def said_list(changes, event):
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li><strong>{}</strong>: {}</li>",
            ((change["title"], releases.said(change, event)["summary"]) for change in changes),
        ),
    )


@admin.register(ScheduleRelease)
class ScheduleReleaseAdmin(admin.ModelAdmin):
    """Releases are made with the Release button ("Add"), never edited or deleted."""

    list_display = ["number", "event", "released_at", "released_by", "change_count"]
    list_filter = [EditionFilter]
    fields = ["event", "number", "released_at", "released_by", "note", "change_log"]
    readonly_fields = fields

    @admin.display(description="changes")
    def change_count(self, release):
        return len(release.changes)

    @admin.display(description="change log")
    def change_log(self, release):
        return said_list(release.changes, release.event) if release.changes else "—"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """The draft against the release attendees see, and the button that publishes it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        event_id = request.GET.get("event")
        event = (
            get_object_or_404(Event, pk=event_id)
            if event_id and event_id.isdigit()
            else Event.objects.current()
        )
        if event is None:
            self.message_user(request, "Create the event first.", messages.WARNING)
            return redirect("admin:ecosystem_day_event_add")
        check_writable(event)  # a past edition's release stands: a 403 that says so
        form = ReleaseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                release = releases.release_schedule(
                    event,
                    by=request.user,
                    note=form.cleaned_data["note"],
                    seen=form.cleaned_data["seen"],
                )
            except ValidationError as refusal:  # every refusal of the transition says why
                self.message_user(request, " ".join(refusal.messages), messages.WARNING)
                form = ReleaseForm(initial={"note": form.cleaned_data["note"]})
            else:
                told = sum(
                    1
                    for c in release.changes
                    if c["presenter"] and c["what"] in releases.TOLD_TO_PRESENTERS
                )
                self.message_user(
                    request,
                    f"Version {release.number} of the schedule is public: {len(release.changes)} "
                    f"change(s); presenters of {told} breakout(s) are being emailed.",
                    messages.SUCCESS,
                )
                return redirect("admin:breakouts_schedulerelease_changelist")
        # Read after a refusal too, so the page shows the version released meanwhile.
        latest = releases.latest_release_row(event)
        draft, pending = releases.draft_changes(event, latest)
        form.initial["seen"] = latest.number if latest else 0
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Release the schedule of {event.name}",
            "event": event,
            "latest": latest,
            "pending": said_list(pending, event) if pending else "",
            "unchanged": latest is not None and draft == snapshot_of(latest),
            "form": form,
        }
        return TemplateResponse(request, "admin/breakouts/schedulerelease/release.html", context)
