"""Whatever text people type, every feed stays well-formed for the tools that read it.

Property-based: any code point (control characters drawn often) through the sign-up, poster,
breakout and admin forms, then a release; every feed is then read as strictly as its readers
do (tests/sessions/feed_checks.py: RFC 5545 line by line then `icalendar`, expat and the
c3voc XSD, the c3voc JSON schema, `json`) and carries the text exactly as it was stored.
Then text stored with controls before the rule, in rows and in a release's snapshot: the
writers drop what their format cannot carry and still parse.
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosystem_day.accounts.models import User
from ecosystem_day.infra.text import clean_text
from posters.models import PosterProposal
from posters.services import change_poster_status
from sessions.models import (
    AgendaFeed,
    BreakoutProposal,
    Room,
    ScheduleItem,
    ScheduleRelease,
    Speaker,
    Star,
)
from sessions.releases import release_schedule
from sessions.services import change_breakout_status, schedule_breakout
from tests.factories import (
    PASSWORD,
    EventFactory,
    RoomFactory,
    ScheduledBreakoutFactory,
    ScheduleItemFactory,
    SpeakerFactory,
    TopicFactory,
    TrackFactory,
)
from tests.posters.authors import author_fields
from tests.sessions import feed_checks
from tests.sessions.helpers import (
    at,
    ecosystem_day_2021,
    morning_and_evening,
    open_for_breakouts,
    released,
)

CONTROLS = "\x01\x07\x08\x0b\x0c\r\x0e\x1b\x1c\x1f\x7f\t\n\r\n\ufffe\uffff\x85\u2028"
# Any code point a browser can send (PostgreSQL and Django's forms refuse NUL: see
# tests/ecosystem_day/test_text.py), with control characters drawn often.
ANY_TEXT = st.text(
    st.one_of(
        st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
        st.sampled_from(CONTROLS),
    ),
    max_size=40,
)
EXAMPLES = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def world(settings, organizer):
    """The current edition on a day to come, its call and breakout proposals open."""
    settings.SIGNUP_RATE = "100000/h"
    event = open_for_breakouts(EventFactory(name="PyTorch Ecosystem Day", slug="ecosystem-day"))
    TopicFactory(event=event, name="NLP")
    morning = TrackFactory(event=event, name="Morning (EMEA)", slug="morning-emea")
    return {"event": event, "morning": morning}


def posted(response):
    assert response.status_code == 302, response.context["form"].errors
    return response


def through_the_forms(world, organizer, title, text, name):
    """A presenter signs up, proposes a poster then a breakout; an organizer adds a room, a
    speaker and a keynote in the admin; both are placed and the schedule released."""
    event = world["event"]
    presenter = Client()
    posted(
        presenter.post(
            "/accounts/signup/",
            {
                "name": f"N{name}",
                "email": "presenter@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    )
    posted(
        presenter.post(
            "/posters/submit/",
            {
                "title": f"T{title}",
                "summary": "S" * 100 + text,
                **author_fields(f"A{name[:15]}"),
                "topic": event.topics.get().pk,
            },
        )
    )
    change_poster_status(PosterProposal.objects.get(), "accepted", by=organizer)
    posted(
        presenter.post(
            "/breakouts/propose/",
            {
                "poster": PosterProposal.objects.get().pk,
                "title": f"B{title}",
                "description": f"D{text}",
                "format": "talk",
                "preferred_track": "",
            },
        )
    )
    breakout = BreakoutProposal.objects.get()
    change_breakout_status(breakout, "accepted", by=organizer)

    desk = Client()
    desk.force_login(organizer)
    posted(
        desk.post(
            "/admin/breakouts/room/add/",
            {
                "event": event.pk,
                "name": f"R{name}",
                "join_url": "https://meet.example.org/r",
                "access": "registered",
                "position": 0,
            },
        )
    )
    posted(
        desk.post(
            "/admin/breakouts/speaker/add/",
            {
                "event": event.pk,
                "name": f"K{name}",
                "affiliation": text,
                "bio": text,
                "position": 0,
            },
        )
    )
    room = Room.objects.get(event=event)
    posted(
        desk.post(
            "/admin/breakouts/scheduleitem/add/",
            {
                "event": event.pk,
                "kind": "keynote",
                "breakout": "",
                "title": f"K{title}",
                "description": text,
                "track": world["morning"].pk,
                "room": room.pk,
                "starts_at_0": event.date.isoformat(),
                "starts_at_1": "08:00",
                "ends_at_0": event.date.isoformat(),
                "ends_at_1": "08:30",
                "recording_url": "",
                "speakers": [Speaker.objects.get(event=event).pk],
            },
        )
    )
    schedule_breakout(
        breakout,
        track=world["morning"],
        room=room,
        starts_at=world["morning"].breakout_window.starts_at,
        by=organizer,
    )
    release_schedule(event, by=organizer)


def the_personal_feed(event, items):
    """The presenter's own calendar, with every item starred."""
    presenter = User.objects.get(email="presenter@example.org")
    for item in items:
        Star.objects.create(user=presenter, event=event, guid=item.guid)
    return AgendaFeed.objects.create(user=presenter, event=event)


@EXAMPLES
@given(title=ANY_TEXT, text=ANY_TEXT, name=ANY_TEXT)
def test_any_text_through_the_forms_and_a_release_leaves_every_feed_well_formed(
    world, organizer, title, text, name
):
    with transaction.atomic():  # each example starts from the same world
        cache.clear()
        through_the_forms(world, organizer, title, text, name)
        items = list(ScheduleItem.objects.select_related("room").order_by("starts_at"))
        token = the_personal_feed(world["event"], items).token

        feeds = feed_checks.every_feed(
            Client(), item_ids=[item.pk for item in items], track_slugs=["morning-emea"]
        )
        mine = feed_checks.calendar_events(Client().get(f"/schedule/mine/{token}.ics").content)
        people = [User.objects.get(email="presenter@example.org"), Speaker.objects.get()]
        written = [
            *(value for item in items for value in (item.display_title, item.description)),
            *(value for person in people for value in (person.name, person.affiliation)),
            *(person.bio for person in people),
            items[0].room.name,
            *PosterProposal.objects.values_list("title", "summary", "authors").get(),
            *BreakoutProposal.objects.values_list("title", "description").get(),
        ]
        transaction.set_rollback(True)

    assert [clean_text(value) for value in written] == written
    titles = {str(item.guid): item.display_title for item in items}
    calendars = [feeds["ics"], feeds["track_ics"]["morning-emea"], mine]
    calendars += feeds["item_ics"].values()
    assert [len(events) for events in calendars] == [2, 2, 2, 1, 1]
    for events in calendars:
        for entry in events:
            guid = str(entry["uid"]).split("@")[0]
            assert (str(entry["summary"]), str(entry["location"])) == (
                titles[guid],
                items[0].room.name,
            )
    assert {event.get("guid"): event.findtext("title") for event in feeds["xml"].iter("event")} == (
        titles
    )
    assert {item["guid"]: item["title"] for item in feeds["json"]["items"]} == titles
    assert {event["guid"]: event["title"] for event in feeds["frab_json"]} == titles


def every_text_value_of(value, marked):
    """The snapshot with `marked` appended to each of its strings a person wrote."""
    written = {"name", "title", "description", "affiliation", "bio", "room", "track"}
    written |= {"format_label", "kind_label"}
    if isinstance(value, dict):
        return {
            key: f"{inner}{marked}"
            if key in written and isinstance(inner, str)
            else every_text_value_of(inner, marked)
            for key, inner in value.items()
        }
    if isinstance(value, list):
        return [every_text_value_of(inner, marked) for inner in value]
    return value


@pytest.fixture
def programme_with_everything(db):
    event = ecosystem_day_2021()
    morning, _ = morning_and_evening(event)
    keynote = ScheduleItemFactory(
        event=event,
        kind=ScheduleItem.Kind.KEYNOTE,
        title="PyTorch at scale",
        description="Where PyTorch is going.",
        track=morning,
        room=RoomFactory(event=event, name="Main stage"),
        starts_at=at(8),
        ends_at=at(8, 30),
        recording_url="https://video.example.org/keynote",
    )
    keynote.speakers.add(SpeakerFactory(event=event, name="Soumith Chintala", affiliation="Meta"))
    breakout = ScheduledBreakoutFactory(event=event, track=morning, starts_at=at(9))
    return {"event": event, "items": [keynote, breakout]}


# An ANSI colour code, a lone CR, a form feed, a bell, DEL, a non-character, CR LF.
STORED_BEFORE_THE_RULE = "\x1b[0m\r\x0c\x07\x7f\ufffe lone CR\r and CRLF\r\n end"


def test_text_stored_with_controls_before_the_rule_still_makes_well_formed_feeds(
    client, programme_with_everything
):
    event = programme_with_everything["event"]
    keynote, breakout = programme_with_everything["items"]
    # Written as a path that skips save() would, or as rows were saved before the rule.
    ScheduleItem.objects.filter(pk=keynote.pk).update(
        title=f"Keynote{STORED_BEFORE_THE_RULE}", description=STORED_BEFORE_THE_RULE
    )
    Room.objects.filter(pk=keynote.room_id).update(name=f"Room{STORED_BEFORE_THE_RULE}")
    Speaker.objects.filter(event=event).update(affiliation=STORED_BEFORE_THE_RULE)
    User.objects.filter(pk=breakout.presenter.pk).update(name=f"Priya{STORED_BEFORE_THE_RULE}")
    PosterProposal.objects.update(title=f"Poster{STORED_BEFORE_THE_RULE}")
    BreakoutProposal.objects.update(description=STORED_BEFORE_THE_RULE)
    type(event).objects.filter(pk=event.pk).update(name=f"Day{STORED_BEFORE_THE_RULE}")
    released(event)

    feeds = feed_checks.every_feed(
        client, item_ids=[keynote.pk, breakout.pk], track_slugs=["morning-emea"]
    )

    guid = str(keynote.guid)
    (entry,) = [e for e in feeds["ics"] if str(e["uid"]).startswith(guid)]
    # The calendar: each line break kept once, every control character dropped (a
    # non-character is allowed there).
    said = "[0m\n\ufffe lone CR\n and CRLF\n end"
    assert (str(entry["summary"]), str(entry["location"])) == (f"Keynote{said}", f"Room{said}")
    assert str(entry["description"]).startswith(f"{said}\n\nSpeakers: ")
    # XML: what XML 1.0 forbids dropped; DEL is allowed there, and a parser reads CR as LF.
    (element,) = [e for e in feeds["xml"].iter("event") if e.get("guid") == guid]
    assert element.findtext("title") == "Keynote[0m\n\x7f lone CR\n and CRLF\n end"
    # JSON escapes every control character: the feed carries the stored text as it is.
    (item,) = [item for item in feeds["json"]["items"] if item["guid"] == guid]
    assert item["title"] == f"Keynote{STORED_BEFORE_THE_RULE}"


def test_a_release_snapshot_holding_controls_in_every_text_still_makes_well_formed_feeds(
    client, programme_with_everything
):
    event = programme_with_everything["event"]
    release = released(event)
    ScheduleRelease.objects.filter(pk=release.pk).update(
        programme=every_text_value_of(release.programme, STORED_BEFORE_THE_RULE)
    )
    ids = [item.pk for item in programme_with_everything["items"]]

    feeds = feed_checks.every_feed(client, item_ids=ids, track_slugs=["morning-emea"])

    assert len(feeds["ics"]) == len(feeds["frab_json"]) == len(feeds["json"]["items"]) == 2
    assert feeds["xml"].findtext("conference/title") == (
        "PyTorch Ecosystem Day[0m\n\x7f lone CR\n and CRLF\n end"
    )
