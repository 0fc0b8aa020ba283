"""Cached pages follow exactly what they show: only public changes bump the version, after commit.

The version lives in its own row (PublicVersion), never on the event, so no transition
writes the event's row; a change that no public page shows (a submission, its author's
edit) leaves every cached page in place.
"""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import transaction
from django.test import Client

from ecosystem_day.event.models import PublicVersion, Track, current_edition
from posters.services import change_poster_status, submit_poster, update_poster
from sessions.models import Room, ScheduleItem, Speaker
from sessions.releases import release_schedule
from sessions.services import change_breakout_status
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


def version(event):
    return PublicVersion.objects.get(event=event).number


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what follows as if its transaction committed (the bumps happen on commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


MAKERS = {
    "topic": lambda event: TopicFactory(event=event),
    "track": lambda event: TrackFactory(event=event),
    "room": lambda event: RoomFactory(event=event),
    "speaker": lambda event: SpeakerFactory(event=event),
}


@pytest.mark.parametrize("kind", list(MAKERS))
def test_adding_something_shown_publicly_bumps_the_version_once_committed(event, kind, committed):
    before = version(event)

    with committed():
        MAKERS[kind](event)
        assert version(event) == before  # nothing until the transaction commits

    assert version(event) == before + 1


@pytest.mark.parametrize("kind", list(MAKERS))
def test_changing_or_deleting_something_shown_publicly_bumps_the_version(event, kind, committed):
    thing = MAKERS[kind](event)
    before = version(event)

    with committed():
        thing.position = 3
        thing.save()
    with committed():
        thing.delete()

    assert version(event) == before + 2


def test_editing_the_draft_schedule_leaves_cached_pages_alone_until_a_release(
    event, organizer, committed
):
    """Attendees read the latest release, so only releasing changes what they see."""
    before = version(event)

    with committed():
        item = ScheduleItemFactory(event=event)
        item.title = "Networking, with coffee"
        item.save()
    assert version(event) == before

    with committed():
        release_schedule(event, by=organizer)
    assert version(event) == before + 1


def test_a_rolled_back_change_bumps_nothing(event, django_capture_on_commit_callbacks):
    before = version(event)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        try:
            with transaction.atomic():
                RoomFactory(event=event)
                raise RuntimeError("the organizer's save failed later")
        except RuntimeError:
            pass

    assert callbacks == []
    assert version(event) == before


def test_a_submission_and_its_authors_edits_leave_cached_pages_alone(event, submitter, committed):
    before = version(event)

    with committed():
        poster = submit_poster(
            event=event,
            submitter=submitter,
            title="Quiet poster",
            summary="Not public until accepted. " * 10,
            authors="Sam Submitter",
            topic=event.topics.first(),
        )
    with committed():
        update_poster(poster, by=submitter, title="Quiet poster, renamed")

    assert version(event) == before


def test_accepting_a_poster_and_taking_it_back_each_bump_the_version(event, organizer, committed):
    poster = PosterProposalFactory(event=event)
    before = version(event)

    with committed():
        change_poster_status(poster, "accepted", by=organizer)
    assert version(event) == before + 1

    with committed():
        change_poster_status(poster, "waitlisted", by=organizer)
    assert version(event) > before + 1


def test_a_breakout_leaving_the_schedule_bumps_the_version(event, organizer, committed):
    item = ScheduledBreakoutFactory(event=event)
    before = version(event)

    with committed():
        change_breakout_status(item.breakout, "rejected", by=organizer)

    assert ScheduleItem.objects.exists() is False
    assert version(event) > before


def test_no_transition_writes_the_events_own_row(event, organizer, submitter, committed):
    """The event's row is never a queue that every write waits behind."""
    item = ScheduledBreakoutFactory(event=event)
    poster = item.breakout.poster

    with CapturedUpdates() as updates, committed():
        change_breakout_status(item.breakout, "rejected", by=organizer)
        change_poster_status(poster, "waitlisted", by=organizer)
        submit_poster(
            event=event,
            submitter=submitter,
            title="Another",
            summary="A summary long enough. " * 10,
            authors="Sam",
            topic=event.topics.first(),
        )

    assert [sql for sql in updates if 'UPDATE "ecosystem_day_event"' in sql] == []
    assert any('UPDATE "ecosystem_day_publicversion"' in sql for sql in updates)


class CapturedUpdates(list):
    def __enter__(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self._context = CaptureQueriesContext(connection)
        self._context.__enter__()
        return self

    def __exit__(self, *exc):
        self._context.__exit__(*exc)
        self.extend(query["sql"] for query in self._context.captured_queries)


def test_changes_to_another_event_leave_this_events_version_alone(event, committed):
    other = EventFactory(name="PyTorch Ecosystem Day 2020", is_current=False)
    before = version(event)

    with committed():
        RoomFactory(event=other)

    assert version(event) == before


ADMIN_LISTS = {
    "track": ("/admin/ecosystem_day/track/", Track),
    "room": ("/admin/breakouts/room/", Room),
    "speaker": ("/admin/breakouts/speaker/", Speaker),
}


@pytest.mark.parametrize("kind", list(ADMIN_LISTS))
def test_deleting_in_bulk_in_the_admin_bumps_the_version(client, organizer, event, kind, committed):
    url, model = ADMIN_LISTS[kind]
    thing = MAKERS[kind](event)
    before = version(event)
    client.force_login(organizer)

    with committed():
        response = client.post(
            url, {"action": "delete_selected", "_selected_action": [thing.pk], "post": "yes"}
        )

    assert response.status_code == 302
    assert model.objects.filter(pk=thing.pk).exists() is False
    assert version(event) > before


def test_a_cached_page_shows_the_new_event_name_right_after_the_change(client, event, committed):
    assert "PyTorch Ecosystem Day 2021" in client.get("/").content.decode()

    with committed():
        event.name = "PyTorch Ecosystem Day 2021 (online)"
        event.save()

    assert "PyTorch Ecosystem Day 2021 (online)" in client.get("/").content.decode()


def test_a_cached_page_is_served_again_at_no_query_while_nothing_changes(
    client, event, django_assert_num_queries
):
    first = client.get("/posters/").content

    with django_assert_num_queries(0):
        second = client.get("/posters/").content

    assert second == first


def test_query_parameters_the_page_does_not_read_do_not_make_new_copies(
    client, event, django_assert_num_queries
):
    client.get("/posters/?q=torch")

    with django_assert_num_queries(0):
        client.get("/posters/?q=%20torch%20&utm_source=newsletter&x=1")


def test_a_page_read_with_different_parameters_is_rendered_for_them(client, event):
    for title in ["Alpha tools", "Beta tools"]:
        PosterProposalFactory(event=event, title=title, status="accepted")

    alpha = client.get("/posters/?q=Alpha").content.decode()
    beta = client.get("/posters/?q=Beta").content.decode()

    assert "Alpha tools" in alpha and "Beta tools" not in alpha
    assert "Beta tools" in beta and "Alpha tools" not in beta


def test_a_page_cached_before_the_deadline_is_not_served_after_it(db):
    """The copy is kept only until the next moment it would change by itself."""
    deadline = datetime(2026, 3, 18, 23, 59, 59, tzinfo=UTC)
    with time_machine.travel(deadline - timedelta(minutes=5), tick=False) as clock:
        EventFactory(cfp_deadline=deadline)
        visitor = Client()
        assert 'href="/posters/submit/">Propose a poster' in visitor.get("/").content.decode()

        clock.move_to(deadline + timedelta(seconds=1))

        assert "Propose a poster" not in visitor.get("/").content.decode()


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
    client, organizer, event, committed
):
    visitor = Client()
    assert "PyTorch Ecosystem Day 2021" in visitor.get("/").content.decode()
    client.force_login(organizer)
    url = f"/admin/ecosystem_day/event/{event.pk}/change/"
    form = form_values(client.get(url).content.decode())

    with committed():
        response = client.post(url, {**form, "name": "PyTorch Ecosystem Day 2021 (online)"})

    assert response.status_code == 302
    assert "PyTorch Ecosystem Day 2021 (online)" in visitor.get("/").content.decode()


def test_a_get_finds_the_current_edition_without_a_query_once_known_and_anew_after_a_change(
    rf, db, django_assert_num_queries
):
    event = EventFactory(name="Before")
    current_edition(rf.get("/"))

    with django_assert_num_queries(0):
        assert current_edition(rf.get("/")) == event
    event.name = "After"
    event.save()

    assert current_edition(rf.get("/")).name == "After"


def test_a_post_reads_the_current_edition_from_the_database(rf, db, django_assert_num_queries):
    EventFactory()
    current_edition(rf.get("/"))

    with django_assert_num_queries(1):
        current_edition(rf.post("/"))
