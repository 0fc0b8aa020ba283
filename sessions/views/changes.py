"""The change log: every release, newest first, with what it added, moved, cancelled and
changed; and the same in JSON (guids per release) for the "Changed" marks of agenda.js."""

import json
from datetime import datetime

from django.http import JsonResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from ecosystem_day.event.mixins import CurrentEventMixin
from ecosystem_day.infra.memo import memoize

from ..releases import said


@memoize(maxsize=4096)
def _said(change_text, time_zone, event):
    return said(json.loads(change_text), event, with_join_url=False)


def said_once(change, event):
    """`said`, worded once per process for each change and zone: formatting the moments of
    every change of every release was most of a cold change log."""
    return _said(json.dumps(change, sort_keys=True), event.time_zone, event)


def slot_shown(slot):
    """A slot of the change log as the page writes it: its moments as datetimes (times.js puts
    them in the visitor's zone) and its room."""
    if not slot:
        return None
    return {
        "starts_at": datetime.fromisoformat(slot["starts_at"]),
        "ends_at": datetime.fromisoformat(slot["ends_at"]),
        "room": slot.get("room"),
    }


def change_shown(change, event):
    """One change for the page: added, moved and cancelled items name their slots as moments
    (in the visitor's zone on the page); other changes in words."""
    return {
        **said_once(change, event),
        "guid": change["guid"],
        "before": slot_shown(change["before"]) if change["what"] != "changed" else None,
        "after": slot_shown(change["after"]),
    }


def releases_of(event):
    """The event's releases without their (large) programmes, newest first, in one query."""
    return event.schedule_releases.defer("programme").order_by("-number")


class ChangeLogView(CurrentEventMixin, TemplateView):
    template_name = "sessions/changes.html"

    def get_context_data(self, **kwargs):
        releases = [
            {
                "number": release.number,
                "released_at": release.released_at,
                "note": release.note,
                "changes": [change_shown(change, self.event) for change in release.changes],
            }
            for release in releases_of(self.event)
        ]
        return super().get_context_data(releases=releases, **kwargs)


class ChangesJsonView(CurrentEventMixin, View):
    """{"latest": N, "url": ..., "releases": [{"number", "released_at", "guids"}]}."""

    def get(self, request):
        releases = [
            {
                "number": release.number,
                "released_at": release.released_at.isoformat(),
                "guids": sorted({change["guid"] for change in release.changes}),
            }
            for release in releases_of(self.event)
        ]
        return JsonResponse(
            {
                "latest": releases[0]["number"] if releases else 0,
                "url": reverse("schedule_changes"),
                "releases": releases,
            }
        )


change_log = ChangeLogView.as_view()
changes_json = ChangesJsonView.as_view()
