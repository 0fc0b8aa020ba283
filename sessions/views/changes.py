"""The change log: every release, newest first, with what it added, moved, cancelled and
changed; and the same in JSON (guids per release) for the "Changed" marks of agenda.js."""

from django.http import JsonResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from ecosystem_day.mixins import CurrentEventMixin

from ..releases import said


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
                "changes": [
                    {**said(change, self.event), "guid": change["guid"]}
                    for change in release.changes
                ],
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
