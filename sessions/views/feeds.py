"""The programme for other tools: calendar files (sessions/calendar.py writes them), our
JSON, and frab XML and JSON (sessions/frab.py).

Every feed is written from the latest release alone (before the first, a valid empty
feed), so a draft change reaches no calendar until organizers release it.
"""

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, time, timedelta

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views import View

from ecosystem_day.event.mixins import CurrentEventMixin

from .. import agenda
from ..calendar import CalendarFeed, CancelledItem
from ..frab import FrabSchedule
from ..published import published


def utc_iso(moment):
    """ISO 8601 in UTC with a "Z", to the second: 2021-04-21T15:00:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def origin_of(request):
    return f"{request.scheme}://{request.get_host()}"


class FeedView(CurrentEventMixin, View):
    """A feed of the latest release, open to other sites, kept until an item starts or ends."""

    def get(self, request, **kwargs):
        self.programme = published(self.event)
        response = self.feed(request, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response.changes_at = self.programme.changes_at()
        return response


class ScheduleCalendarView(FeedView):
    def feed(self, request):
        return CalendarFeed(
            self.programme,
            name=self.event.name,
            filename=f"{self.event.slug}.ics",
            items=self.programme.items,
            origin=origin_of(request),
        ).response()


class ScheduleItemCalendarView(FeedView):
    """One item; once a release took it off, a cancelled event, so that whoever imported it
    learns it is off."""

    def feed(self, request, pk):
        item = self.programme.item(pk)
        cancelled = [] if item else self.cancelled(pk)
        if item is None and not cancelled:
            raise Http404("No item with this number is on the published schedule.")
        return CalendarFeed(
            self.programme,
            name=self.event.name,
            filename=f"{self.event.slug}-item-{pk}.ics",
            items=[item] if item else [],
            cancelled=cancelled,
            origin=origin_of(request),
        ).response()

    def cancelled(self, pk):
        found = agenda.cancelled_items(self.event).values()
        return [CancelledItem.from_change_log(item) for item in found if item["id"] == pk]


def feed_item(item, origin, posters):
    """One item; `origin` is the site's scheme and host, `posters` the posters' URL prefix."""
    breakout = None
    if item.breakout:
        poster = item.breakout.poster
        breakout = {
            "format": item.breakout.format,
            "presenter": item.breakout.presenter.name,
            "poster": {
                "id": poster.id,
                "title": poster.title,
                "url": f"{origin}{posters}{poster.id}/",
            },
        }
    return {
        "id": item.id,
        "guid": item.guid,
        "kind": item.kind,
        "title": item.title,
        "description": item.description,
        "starts_at": utc_iso(item.starts_at),
        "ends_at": utc_iso(item.ends_at),
        "track": item.track_slug,
        "room": {
            "name": item.room,
            "join_url": item.public_join_url if item.joinable and item.public_join_url else None,
            "join_page": origin + item.join_path if item.joinable else None,
        }
        if item.room
        else None,
        "recording_url": item.recording_url or None,
        "url": origin + item.url,
        "breakout": breakout,
        "topic": {"slug": item.topic.slug, "name": item.topic.name} if item.topic else None,
        "speakers": [
            {"name": speaker.name, "affiliation": speaker.affiliation} for speaker in item.speakers
        ],
    }


class ScheduleFeedView(FeedView):
    """The programme as JSON for other tools; docs/schedule-json.md describes every field."""

    def feed(self, request):
        event = self.event
        origin = origin_of(request)
        poster_page = reverse("poster_public", args=[0])
        posters = poster_page[: poster_page.rindex("0/")]  # one reverse() for every poster
        return JsonResponse(
            {
                "event": {
                    "name": event.name,
                    "slug": event.slug,
                    "date": event.date.isoformat(),
                    "time_zone": event.time_zone,
                },
                "version": self.programme.number,
                "tracks": [
                    {"id": track.id, "name": track.name, "slug": track.slug}
                    for track in self.programme.tracks
                ],
                "items": [feed_item(item, origin, posters) for item in self.programme.items],
            },
            json_dumps_params={"ensure_ascii": False},
        )


def frab_schedule(programme, request):
    page = request.build_absolute_uri(reverse("schedule_item", args=[0]))
    prefix = page[: page.rindex("0/")]  # one reverse() for every item's page
    return FrabSchedule(
        programme.snapshot,
        number=programme.number,
        zone=programme.event.tz,
        base_url=request.build_absolute_uri(reverse("schedule")),
        item_url=lambda pk: f"{prefix}{pk}/",
    )


class FrabXmlView(FeedView):
    """frab's schedule.xml (Giggity, Confclerk, c3voc tools)."""

    def feed(self, request):
        schedule = frab_schedule(self.programme, request)
        document = schedule.xml()
        if not self.programme:
            document = with_an_empty_day(document, self.event)
        return HttpResponse(document, content_type="application/xml")


def with_an_empty_day(document, event):
    """The schema wants at least one day: before the first release, the event's, empty."""
    root = ET.fromstring(document)
    midnight = datetime.combine(event.date, time(0), tzinfo=event.tz)
    ET.SubElement(
        root,
        "day",
        {
            "index": "1",
            "date": event.date.isoformat(),
            "start": midnight.isoformat(),
            "end": (midnight + timedelta(days=1)).isoformat(),
        },
    )
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


class FrabJsonView(FeedView):
    """frab's schedule JSON (the c3voc schedule JSON schema)."""

    def feed(self, request):
        schedule = frab_schedule(self.programme, request)
        return HttpResponse(
            json.dumps(schedule.json(), ensure_ascii=False), content_type="application/json"
        )


schedule_ics = ScheduleCalendarView.as_view()
schedule_item_ics = ScheduleItemCalendarView.as_view()
schedule_json = ScheduleFeedView.as_view()
schedule_xml = FrabXmlView.as_view()
schedule_frab_json = FrabJsonView.as_view()
