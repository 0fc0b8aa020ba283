"""Two organizers, each at the schedule editor, choose the same free slot for two breakouts at
the same moment, twenty rounds: one breakout is placed, the other organizer is told the room
was taken, and nothing is double booked or dies of `deadlock detected`."""

import re

import pytest
from django.test import Client

from sessions.models import ScheduleItem
from tests.admin_pages import _text
from tests.factories import AcceptedBreakoutFactory, RoomFactory, TrackFactory, UserFactory
from tests.races import run_together
from tests.sessions.helpers import at, ecosystem_day_2021

EDITOR = "/admin/breakouts/scheduleitem/editor/"
ROUNDS = 20

pytestmark = pytest.mark.django_db(transaction=True)


def choose(organizer, breakout, slot):
    client = Client()
    client.force_login(organizer)
    response = client.post(EDITOR, {"breakout": breakout.pk, "slot": slot}, follow=True)
    # Read from the page: a test client's captured context is shared between threads.
    shown = re.search(r'<ul class="messagelist">(.*?)</ul>', response.content.decode(), re.S)
    return [_text(message) for message in re.findall(r"<li[^>]*>(.*?)</li>", shown.group(1), re.S)]


def test_two_organizers_choosing_one_slot_at_once_one_wins_the_other_is_told():
    event = ecosystem_day_2021()
    track = TrackFactory(event=event, name="Morning (EMEA)")
    room = RoomFactory(event=event, name="Breakout room 1")
    olga, omar = (UserFactory(name=name, groups=["Organizers"]) for name in ("Olga", "Omar"))
    slot = f"{track.pk}-{room.pk}-{int(at(9).timestamp())}"
    said = set()

    for n in range(ROUNDS):
        ScheduleItem.objects.filter(event=event).delete()
        first = AcceptedBreakoutFactory(event=event, title=f"First {n}")
        second = AcceptedBreakoutFactory(event=event, title=f"Second {n}")

        heard = run_together(
            lambda b=first: choose(olga, b, slot), lambda b=second: choose(omar, b, slot)
        )

        placed = list(ScheduleItem.objects.filter(event=event).values_list("breakout", flat=True))
        assert len(placed) == 1, heard
        winner, loser = (first, second) if placed == [first.pk] else (second, first)
        told = dict(zip((first.pk, second.pk), heard, strict=True))
        assert told[winner.pk] == [
            f"“{winner.title}” is placed: Morning (EMEA), 09:00–09:40 PDT, Breakout room 1. "
            "Release the schedule to tell attendees and its presenter."
        ]
        assert told[loser.pk] == [
            f"“{loser.title}” was not placed: This room is already booked at that time. "
            "The editor now shows the slots free at this moment."
        ]
        said.add("first" if winner == first else "second")
    print("winners seen:", sorted(said))
