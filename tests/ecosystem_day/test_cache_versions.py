"""Organizers' changes reach visitors at once: anything on a public page bumps the event."""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from ecosystem_day.models import Event
from posters.services import change_status
from sessions.models import Room, ScheduleItem, Speaker, Track
from tests.factories import (
    EventFactory,
    PosterProposalFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    ScheduleItemFactory,
    SpeakerFactory,
    TopicFactory,
    TrackFactory,
)

CREATED = datetime(2021, 4, 1, 10, 0, 0, tzinfo=UTC)
CHANGED = CREATED + timedelta(seconds=5)  # within the same minute: only the version differs


@pytest.fixture
def clock():
    with time_machine.travel(CREATED, tick=False) as traveller:
        yield traveller


@pytest.fixture
def quiet_event(db, clock):
    """An event whose last change was at CREATED."""
    event = EventFactory(name="PyTorch Ecosystem Day 2021")
    Event.objects.filter(pk=event.pk).update(updated_at=CREATED)
    return event


def version(event):
    return Event.objects.values_list("updated_at", flat=True).get(pk=event.pk)


MAKERS = {
    "topic": lambda event: TopicFactory(event=event),
    "track": lambda event: TrackFactory(event=event),
    "room": lambda event: RoomFactory(event=event),
    "speaker": lambda event: SpeakerFactory(event=event),
    "schedule item": lambda event: ScheduleItemFactory(event=event),
}


@pytest.mark.parametrize("kind", list(MAKERS))
def test_adding_something_shown_publicly_bumps_the_events_version(quiet_event, clock, kind):
    clock.move_to(CHANGED)

    MAKERS[kind](quiet_event)

    assert version(quiet_event) == CHANGED


@pytest.mark.parametrize("kind", list(MAKERS))
def test_changing_something_shown_publicly_bumps_the_events_version(quiet_event, clock, kind):
    thing = MAKERS[kind](quiet_event)
    Event.objects.filter(pk=quiet_event.pk).update(updated_at=CREATED)
    clock.move_to(CHANGED)

    if isinstance(thing, ScheduleItem):
        thing.title = "Networking, with coffee"
    else:
        thing.position = 3
    thing.save()

    assert version(quiet_event) == CHANGED


@pytest.mark.parametrize("kind", list(MAKERS))
def test_deleting_something_shown_publicly_bumps_the_events_version(quiet_event, clock, kind):
    thing = MAKERS[kind](quiet_event)
    Event.objects.filter(pk=quiet_event.pk).update(updated_at=CREATED)
    clock.move_to(CHANGED)

    thing.delete()

    assert version(quiet_event) == CHANGED


def test_a_posters_status_change_bumps_the_events_version(quiet_event, clock, organizer):
    poster = PosterProposalFactory(event=quiet_event)
    Event.objects.filter(pk=quiet_event.pk).update(updated_at=CREATED)
    clock.move_to(CHANGED)

    change_status(poster, "accepted", by=organizer)

    assert version(quiet_event) == CHANGED


def test_a_breakout_leaving_the_schedule_bumps_the_events_version(quiet_event, clock, organizer):
    item = ScheduledBreakoutFactory(event=quiet_event)
    Event.objects.filter(pk=quiet_event.pk).update(updated_at=CREATED)
    clock.move_to(CHANGED)

    change_status(item.breakout, "rejected", by=organizer)

    assert ScheduleItem.objects.exists() is False
    assert version(quiet_event) == CHANGED


def test_changes_to_another_event_leave_this_events_version_alone(quiet_event, clock):
    other = EventFactory(name="PyTorch Ecosystem Day 2020", is_current=False)
    Event.objects.filter(pk=quiet_event.pk).update(updated_at=CREATED)
    clock.move_to(CHANGED)

    RoomFactory(event=other)

    assert version(quiet_event) == CREATED


ADMIN_LISTS = {
    "track": ("/admin/breakouts/track/", Track),
    "room": ("/admin/breakouts/room/", Room),
    "speaker": ("/admin/breakouts/speaker/", Speaker),
    "schedule item": ("/admin/breakouts/scheduleitem/", ScheduleItem),
}


@pytest.mark.parametrize("kind", list(ADMIN_LISTS))
def test_deleting_in_bulk_in_the_admin_bumps_the_events_version(
    client, organizer, quiet_event, clock, kind
):
    url, model = ADMIN_LISTS[kind]
    thing = MAKERS[kind](quiet_event)
    Event.objects.filter(pk=quiet_event.pk).update(updated_at=CREATED)
    client.force_login(organizer)
    clock.move_to(CHANGED)

    response = client.post(
        url, {"action": "delete_selected", "_selected_action": [thing.pk], "post": "yes"}
    )

    assert response.status_code == 302
    assert model.objects.filter(pk=thing.pk).exists() is False
    assert version(quiet_event) == CHANGED


def test_a_cached_home_page_shows_the_new_event_name_right_after_the_change(
    client, quiet_event, clock
):
    assert "PyTorch Ecosystem Day 2021" in client.get("/").content.decode()
    clock.move_to(CHANGED)

    quiet_event.name = "PyTorch Ecosystem Day 2021 (online)"
    quiet_event.save()

    page = client.get("/").content.decode()
    assert "PyTorch Ecosystem Day 2021 (online)" in page


def test_a_cached_home_page_is_served_again_while_nothing_changes(
    client, quiet_event, clock, django_assert_num_queries
):
    first = client.get("/").content
    clock.move_to(CHANGED)

    with django_assert_num_queries(1):
        second = client.get("/").content

    assert second == first


def form_values(page):
    """What the browser would send back from an admin change form left as it is."""
    values = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="(\w+)"', tag)
        if not name or "__prefix__" in name.group(1) or (kind and kind.group(1) == "submit"):
            continue
        if kind and kind.group(1) == "checkbox" and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        default = "on" if kind and kind.group(1) == "checkbox" else ""
        values[name.group(1)] = html.unescape(value.group(1)) if value else default
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        values[name] = html.unescape(text.removeprefix("\n"))
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        values[name] = chosen.group(1) if chosen else ""
    values.pop("csrfmiddlewaretoken", None)
    return values


def test_a_name_changed_in_the_admin_shows_at_once_on_the_cached_home_page(
    client, organizer, quiet_event, clock
):
    visitor = Client()
    assert "PyTorch Ecosystem Day 2021" in visitor.get("/").content.decode()
    client.force_login(organizer)
    url = f"/admin/ecosystem_day/event/{quiet_event.pk}/change/"
    form = form_values(client.get(url).content.decode())
    clock.move_to(CHANGED)

    response = client.post(url, {**form, "name": "PyTorch Ecosystem Day 2021 (online)"})

    assert response.status_code == 302
    page = visitor.get("/").content.decode()
    assert "PyTorch Ecosystem Day 2021 (online)" in page
