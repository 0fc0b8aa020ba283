"""The public programme: the schedule, one item, its calendar files, the JSON feed.

Every page reads the current event's items in a fixed number of queries; sessions/urls.py
serves anonymous visitors a copy cached per event version, visitor zone and minute.
"""

from datetime import UTC

import icalendar
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, TemplateView

from ecosystem_day.mixins import CurrentEventMixin


def programme(event):
    """The event's items with everything the pages show about them, in two queries."""
    return (
        event.schedule_items.on_the_programme()
        .select_related("track", "room", "breakout__submitter", "breakout__poster")
        .prefetch_related("speakers")
    )


def description_of(item):
    """The item's own text or, for a breakout scheduled without one, the breakout's."""
    if item.description or not item.breakout_id:
        return item.description
    return item.breakout.description


def mark_now_and_next(items, event, now):
    """Flag what is on at `now` and what starts soonest after it, while the event is on."""
    for item in items:
        item.is_now = item.is_next = False
    if not items:
        return
    first_start = min(item.starts_at for item in items)
    last_end = max(item.ends_at for item in items)
    on_the_day = timezone.localtime(now, event.tz).date() == event.date
    if not (on_the_day or first_start <= now < last_end):
        return
    next_start = min((item.starts_at for item in items if item.starts_at > now), default=None)
    for item in items:
        item.is_now = item.starts_at <= now < item.ends_at
        item.is_next = item.starts_at == next_start


def by_track(items, tracks):
    """Items for both sessions, then one column of items per track, each in time order."""
    shared = [item for item in items if item.track_id is None]
    columns = [(track, [item for item in items if item.track_id == track.pk]) for track in tracks]
    return shared, columns


def visitor_zone_apart(request, event):
    """The visitor's zone when it is known and not the event's, else None."""
    zone = getattr(request, "visitor_tz", None)
    return zone if zone is not None and zone.key != event.time_zone else None


def next_change(items, now):
    """The next start or end of an item after `now`: where "now" and "next" marks move."""
    return min(
        (moment for item in items for moment in (item.starts_at, item.ends_at) if moment > now),
        default=None,
    )


class ScheduleView(CurrentEventMixin, TemplateView):
    template_name = "sessions/schedule.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.changes_at = self.changes_at  # the page cache keeps it until then
        return response

    def get_context_data(self, **kwargs):
        tracks = list(self.event.tracks.all())
        items = list(programme(self.event))
        now = timezone.now()
        mark_now_and_next(items, self.event, now)
        self.changes_at = next_change(items, now)
        shared, columns = by_track(items, tracks)
        return super().get_context_data(
            tracks=tracks,
            shared=shared,
            track_columns=columns,
            columns=max(1, min(len(tracks), 4)),
            visitor_zone=visitor_zone_apart(self.request, self.event),
            **kwargs,
        )


class ScheduleItemView(CurrentEventMixin, DetailView):
    template_name = "sessions/schedule_item.html"
    context_object_name = "item"

    def get_queryset(self):
        return programme(self.event)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            description=description_of(self.object),
            visitor_zone=visitor_zone_apart(self.request, self.event),
            **kwargs,
        )


def in_utc(moment):
    return moment.astimezone(UTC)


def calendar_text(item, page_url):
    """The DESCRIPTION of an item's calendar event: what, who, where to join, where to read."""
    lines = []
    if description := description_of(item):
        lines += [description, ""]
    if item.breakout_id:
        lines.append(
            f"{item.breakout.get_format_display()} by {item.breakout.submitter.name} · "
            f"poster: {item.breakout.poster.title}"
        )
    if speakers := list(item.speakers.all()):
        lines.append("Speakers: " + ", ".join(speaker_line(speaker) for speaker in speakers))
    if item.room_id:
        lines.append(f"Join: {item.room.join_url}")
    lines.append(f"Details: {page_url}")
    return "\n".join(lines)


def speaker_line(speaker):
    return f"{speaker.name} ({speaker.affiliation})" if speaker.affiliation else speaker.name


def calendar_event(item, event, request):
    page_url = request.build_absolute_uri(item.get_absolute_url())
    entry = icalendar.Event()
    entry.add("uid", f"schedule-item-{item.pk}@{event.slug}")
    entry.add("dtstamp", in_utc(event.last_published_at or timezone.now()))
    entry.add("dtstart", in_utc(item.starts_at))
    entry.add("dtend", in_utc(item.ends_at))
    entry.add("summary", item.display_title)
    entry.add("description", calendar_text(item, page_url))
    if item.room_id:
        entry.add("location", item.room.name)
    entry.add("url", page_url)
    return entry


def calendar_response(event, items, request, filename):
    """A calendar in UTC (no TZID to get wrong), one VEVENT per item."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{event.name}//Schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.name)
    calendar.add("x-published-ttl", "PT1H")
    for item in items:
        calendar.add_component(calendar_event(item, event, request))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


class ScheduleCalendarView(CurrentEventMixin, View):
    def get(self, request):
        return calendar_response(
            self.event, programme(self.event), request, f"{self.event.slug}.ics"
        )


class ScheduleItemCalendarView(CurrentEventMixin, View):
    def get(self, request, pk):
        item = get_object_or_404(programme(self.event), pk=pk)
        return calendar_response(
            self.event, [item], request, f"{self.event.slug}-item-{item.pk}.ics"
        )


def utc_iso(moment):
    """ISO 8601 in UTC with a "Z", to the second: 2021-04-21T15:00:00Z."""
    return in_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed_item(item, request):
    breakout = None
    if item.breakout_id:
        poster = item.breakout.poster
        breakout = {
            "format": item.breakout.format,
            "presenter": item.breakout.submitter.name,
            "poster": {
                "id": poster.pk,
                "title": poster.title,
                "url": request.build_absolute_uri(poster.get_public_url()),
            },
        }
    return {
        "id": item.pk,
        "kind": item.kind,
        "title": item.display_title,
        "description": description_of(item),
        "starts_at": utc_iso(item.starts_at),
        "ends_at": utc_iso(item.ends_at),
        "track": item.track.slug if item.track_id else None,
        "room": {"name": item.room.name, "join_url": item.room.join_url} if item.room_id else None,
        "recording_url": item.recording_url or None,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "breakout": breakout,
        "speakers": [
            {"name": speaker.name, "affiliation": speaker.affiliation}
            for speaker in item.speakers.all()
        ],
    }


class ScheduleFeedView(CurrentEventMixin, View):
    """The programme as JSON for other tools; docs/schedule-json.md describes every field."""

    def get(self, request):
        event = self.event
        response = JsonResponse(
            {
                "event": {
                    "name": event.name,
                    "slug": event.slug,
                    "date": event.date.isoformat(),
                    "time_zone": event.time_zone,
                },
                "tracks": [
                    {"id": track.pk, "name": track.name, "slug": track.slug}
                    for track in event.tracks.all()
                ],
                "items": [feed_item(item, request) for item in programme(event)],
            },
            json_dumps_params={"ensure_ascii": False},
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response


schedule_ics = ScheduleCalendarView.as_view()
schedule_item_ics = ScheduleItemCalendarView.as_view()
schedule_json = ScheduleFeedView.as_view()
