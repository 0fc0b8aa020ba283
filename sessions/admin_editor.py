"""The schedule editor in the organizers' panel: the day's grid, the free slots and the
accepted breakouts waiting for one (sessions/editor.py), and the choices that place, move or
unschedule a breakout, each through its scheduling transition (services.py), which judges
the slot again under lock. Organizers only; a past edition is shown without choices."""

import re
from datetime import UTC, datetime
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from ecosystem_day.event.frozen import check_writable
from ecosystem_day.event.models import Event
from ecosystem_day.infra.constraints import refused_by_constraints

from . import releases, services
from .editor import Clock, board
from .models import BreakoutProposal, Room, ScheduleItem

EDIT_PERMISSION = "breakouts.change_scheduleitem"
EDITION_ID = re.compile(r"[0-9]{1,9}")


class SlotChoice(forms.Form):
    """What a "Move…" button (or a drop on a free slot) posts."""

    unschedule = forms.BooleanField(required=False)
    breakout = forms.ModelChoiceField(
        queryset=BreakoutProposal.objects.none(),
        error_messages={
            "invalid_choice": "That breakout is not one of this edition's.",
            "invalid": "That breakout is not one of this edition's.",
        },
    )
    slot = forms.RegexField(
        regex=r"^[0-9]{1,9}-[0-9]{1,9}-[0-9]{1,11}$",
        required=False,
        error_messages={"invalid": "That is not a slot of the editor: choose one it lists."},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["breakout"].queryset = BreakoutProposal.objects.filter(event=event)

    def clean(self):
        cleaned = super().clean()
        cleaned["action"] = "unschedule" if cleaned.get("unschedule") else "place"
        if cleaned["action"] != "place" or "slot" not in cleaned:
            return cleaned
        if not cleaned["slot"]:
            raise ValidationError("Choose a free slot.")
        track_id, room_id, seconds = (int(part) for part in cleaned["slot"].split("-"))
        track = self.event.tracks.filter(pk=track_id).first()
        room = Room.objects.filter(event=self.event, pk=room_id).first()
        if track is None or room is None:
            raise ValidationError("That slot is not in this edition's sessions and rooms.")
        try:
            starts_at = datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError) as error:
            raise ValidationError("That slot's time is not a time of the day.") from error
        cleaned.update(track=track, room=room, starts_at=starts_at)
        return cleaned


def editor_url(event, anchor=""):
    return f"{reverse('admin:breakouts_scheduleitem_editor')}?{urlencode({'event': event.pk})}" + (
        f"#{anchor}" if anchor else ""
    )


def _edition(request):
    """The edition asked for (`event`), else the current one; (None, why) when there is none."""
    chosen = request.POST.get("event") or request.GET.get("event")
    if not chosen:
        current = Event.objects.current()
        return current, "" if current else "There is no current edition yet: create the event."
    if not EDITION_ID.fullmatch(chosen):
        return None, "That is not an edition: choose one from the list."
    return get_object_or_404(Event.objects.select_related("breakout_settings"), pk=chosen), ""


def editor_view(model_admin, request):
    """GET: the board. POST: one choice, then back to the board with what happened."""
    if not request.user.has_perm(EDIT_PERMISSION):
        raise PermissionDenied("The schedule editor is for organizers.")
    event, why = _edition(request)
    if event is None:
        model_admin.message_user(request, why, messages.WARNING)
        return redirect("admin:breakouts_scheduleitem_changelist")
    if request.method == "POST":
        check_writable(event)  # a past edition: a 403 that says it is read-only
        return _choose(model_admin, request, event)
    shown = board(event, request.user)
    latest = releases.latest_release_row(event) if not shown.read_only else None
    pending = releases.draft_changes(event, latest)[1] if not shown.read_only else []
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": f"Schedule editor: {event.name}",
        "board": shown,
        "latest": latest,
        "pending": len(pending),
        "release_url": f"{reverse('admin:breakouts_schedulerelease_add')}?event={event.pk}",
        "editions": Event.objects.order_by("-date"),
    }
    return TemplateResponse(request, "admin/breakouts/scheduleitem/editor.html", context)


def _choose(model_admin, request, event):
    form = SlotChoice(request.POST, event=event)
    if not form.is_valid():
        said = " ".join(message for messages_ in form.errors.values() for message in messages_)
        model_admin.message_user(request, f"Nothing was changed: {said}", messages.ERROR)
        return redirect(editor_url(event))
    breakout = form.cleaned_data["breakout"]
    anchor = f"breakout-{breakout.pk}"
    try:
        with refused_by_constraints():
            told = _apply(form.cleaned_data, breakout, event, request.user)
    except ValidationError as refusal:
        verb = "moved" if ScheduleItem.objects.filter(breakout=breakout).exists() else "placed"
        if form.cleaned_data["action"] == "unschedule":
            verb = "taken off the schedule"
        model_admin.message_user(
            request,
            f"“{breakout.title}” was not {verb}: {' '.join(refusal.messages)} "
            "The editor now shows the slots free at this moment.",
            messages.ERROR,
        )
        return redirect(editor_url(event, anchor))
    model_admin.message_user(request, told, messages.SUCCESS)
    return redirect(editor_url(event, anchor))


def _apply(cleaned, breakout, event, by):
    """Run the transition the choice names; what to tell the organizer."""
    if cleaned["action"] == "unschedule":
        if services.unschedule_breakout(breakout, by=by) is None:
            raise ValidationError("It is not on the schedule.")
        return (
            f"“{breakout.title}” is off the draft schedule (still accepted). Release the "
            "schedule to tell attendees and its presenter."
        )
    scheduled = ScheduleItem.objects.filter(breakout=breakout).exists()
    place = services.move_breakout if scheduled else services.schedule_breakout
    item = place(
        breakout,
        track=cleaned["track"],
        room=cleaned["room"],
        starts_at=cleaned["starts_at"],
        by=by,
    )
    when = Clock(event, by).span(item.starts_at, item.ends_at)
    return (
        f"“{breakout.title}” is {'moved' if scheduled else 'placed'}: {cleaned['track'].name}, "
        f"{when}, {cleaned['room'].name}. Release the schedule to tell attendees and its presenter."
    )
