"""The programme for other tools: calendar files (in UTC), our JSON, and frab XML and JSON.

Every feed is written from the latest release alone (before the first, a valid empty
feed), so a draft change reaches no calendar until organizers release it.
"""

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, time, timedelta

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views import View

from ecosystem_day.mixins import CurrentEventMixin

from ..calendar import ical_line, ical_text, ical_utc
from ..frab import FrabSchedule
from ..published import empty_release, published


def utc_iso(moment):
    """ISO 8601 in UTC with a "Z", to the second: 2021-04-21T15:00:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def speaker_line(speaker):
    if speaker["affiliation"]:
        return f"{speaker['name']} ({speaker['affiliation']})"
    return speaker["name"]


def calendar_text(item, page_url):
    """The DESCRIPTION of an item's calendar event: what, who, where to join (until it is
    over; then the recording), where to read more."""
    lines = []
    if item.description:
        lines += [item.description, ""]
    if breakout := item.breakout:
        lines.append(
            f"{breakout['format_label']} by {breakout['presenter']['name']} · "
            f"poster: {breakout['poster']['title']}"
        )
    if item.speakers:
        lines.append("Speakers: " + ", ".join(speaker_line(s) for s in item.speakers))
    if item.joinable:
        lines.append(f"Join: {item.join_url}")
    elif item.is_over and item.recording_url:
        lines.append(f"Recording: {item.recording_url}")
    lines.append(f"Details: {page_url}")
    return "\n".join(lines)


def calendar_response(programme, items, request, filename):
    """A calendar in UTC (no TZID to get wrong), one VEVENT per item, known by its guid.

    Written line by line (sessions/calendar.py's helpers): the icalendar library took ten
    times as long for the same text.
    """
    event = programme.event
    stamp = ical_utc((programme.release or empty_release(event)).released_at)
    origin = f"{request.scheme}://{request.get_host()}"
    name = ical_text(event.name)
    lines = [
        ical_line("BEGIN", "VCALENDAR"),
        ical_line("VERSION", "2.0"),
        ical_line("PRODID", f"-//{name}//Schedule//EN"),
        ical_line("X-WR-CALNAME", name),
        ical_line("X-PUBLISHED-TTL", "PT1H"),
    ]
    for item in items:
        page_url = origin + item.url
        lines += [
            b"BEGIN:VEVENT",
            ical_line("UID", f"{item.guid}@{event.slug}"),
            ical_line("SEQUENCE", programme.number),
            ical_line("DTSTAMP", stamp),
            ical_line("DTSTART", ical_utc(item.starts_at)),
            ical_line("DTEND", ical_utc(item.ends_at)),
            ical_line("SUMMARY", ical_text(item.title)),
            ical_line("DESCRIPTION", ical_text(calendar_text(item, page_url))),
        ]
        if item.room:
            lines.append(ical_line("LOCATION", ical_text(item.room)))
        lines += [ical_line("URL", page_url), b"END:VEVENT"]
    lines.append(b"END:VCALENDAR")
    response = HttpResponse(
        b"\r\n".join(lines) + b"\r\n", content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
        filename = f"{self.event.slug}.ics"
        return calendar_response(self.programme, self.programme.items, request, filename)


class ScheduleItemCalendarView(FeedView):
    def feed(self, request, pk):
        item = self.programme.item(pk)
        if item is None:
            raise Http404("No item with this number is on the published schedule.")
        filename = f"{self.event.slug}-item-{item.id}.ics"
        return calendar_response(self.programme, [item], request, filename)


def feed_item(item, origin, posters):
    """One item; `origin` is the site's scheme and host, `posters` the posters' URL prefix."""
    breakout = None
    if item.breakout:
        poster = item.breakout["poster"]
        breakout = {
            "format": item.breakout["format"],
            "presenter": item.breakout["presenter"]["name"],
            "poster": {
                "id": poster["id"],
                "title": poster["title"],
                "url": f"{origin}{posters}{poster['id']}/",
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
        "room": {"name": item.room, "join_url": item.join_url if item.joinable else None}
        if item.room
        else None,
        "recording_url": item.recording_url or None,
        "url": origin + item.url,
        "breakout": breakout,
        "topic": item.topic,
        "speakers": [
            {"name": speaker["name"], "affiliation": speaker["affiliation"]}
            for speaker in item.speakers
        ],
    }


class ScheduleFeedView(FeedView):
    """The programme as JSON for other tools; docs/schedule-json.md describes every field."""

    def feed(self, request):
        event = self.event
        origin = f"{request.scheme}://{request.get_host()}"
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
                    {"id": track["id"], "name": track["name"], "slug": track["slug"]}
                    for track in self.programme.tracks
                ],
                "items": [feed_item(item, origin, posters) for item in self.programme.items],
            },
            json_dumps_params={"ensure_ascii": False},
        )


def frab_schedule(programme, request):
    release = programme.release or empty_release(programme.event)
    page = request.build_absolute_uri(reverse("schedule_item", args=[0]))
    prefix = page[: page.rindex("0/")]  # one reverse() for every item's page
    return FrabSchedule(
        release,
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
