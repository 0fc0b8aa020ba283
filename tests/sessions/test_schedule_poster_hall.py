"""The poster hall on the day: a poster's page says when its presenters stand by it (the
poster exhibition of each session they tend it in, as released), and "At the poster now"
during that window, with the poster hall's Join (through the join endpoint, which lets in
registered attendees, or anyone when the hall is public)."""

import pytest

from sessions.attendance import Attendance
from sessions.models import Room
from tests.factories import RegistrationFactory, UserFactory
from tests.sessions.helpers import at, page, released, the_2021_day


@pytest.fixture
def day(ecosystem_day):
    return the_2021_day(ecosystem_day)


def tended_poster(day, *tracks):
    poster = day["breakouts"][0].breakout.poster
    poster.tending_tracks.set(tracks)
    return poster


def windows(response):
    """Each window's session, its badge when shown, and its times in the event's zone."""
    return [
        (
            node.one("class", "fw-semibold").text,
            [
                badge.text
                for badge in node.find_all("data-at-poster-now")
                if "hidden" not in badge.attrs
            ],
            node.one("data-times", "event").text,
        )
        for node in page(response).find_all("data-tending-window")
    ]


def test_a_poster_page_says_when_its_presenters_are_at_it(client, day):
    poster = tended_poster(day, day["morning"], day["evening"])

    response = client.get(f"/posters/{poster.pk}/")

    assert windows(response) == [
        ("Morning (EMEA)", [], "9:00 AM PDT – 12:00 PM PDT"),
        ("Evening (APAC / US)", [], "3:00 PM PDT – 6:00 PM PDT"),
    ]


def test_during_its_window_the_poster_says_its_presenters_are_there_now(client, day, time_machine):
    poster = tended_poster(day, day["evening"])
    time_machine.move_to(at(15, 30), tick=False)

    response = client.get(f"/posters/{poster.pk}/")

    assert windows(response) == [
        ("Evening (APAC / US)", ["At the poster now"], "3:00 PM PDT – 6:00 PM PDT"),
    ]


def test_a_session_without_a_poster_exhibition_gives_its_breakout_window(client, day):
    poster = tended_poster(day, day["morning"])
    day["morning-emea-posters"].delete()
    released(day["morning"].event)

    response = client.get(f"/posters/{poster.pk}/")

    window = day["morning"].breakout_window
    assert (window.starts_at, window.ends_at) == (at(9), at(12))
    assert windows(response) == [("Morning (EMEA)", [], "9:00 AM PDT – 12:00 PM PDT")]


def test_a_poster_nobody_tends_names_no_window(client, day):
    poster = tended_poster(day)

    response = client.get(f"/posters/{poster.pk}/")

    assert windows(response) == []
    assert len(list(page(response).one("data-poster-breakouts").find_all("href"))) == 1


# The poster hall's link, for registrants


def hall_joins(response):
    """Each window's poster hall Join: (shown, its address, what the note says)."""
    return [
        ("hidden" not in node.attrs, node.one("href").attrs["href"], node.text)
        for node in page(response).find_all("data-poster-hall-join")
    ]


def test_during_its_window_the_poster_offers_the_poster_halls_join_through_the_check(
    client, day, time_machine
):
    poster = tended_poster(day, day["evening"])
    hall_item = day["evening-apac-us-posters"]
    time_machine.move_to(at(15, 30), tick=False)

    response = client.get(f"/posters/{poster.pk}/")

    assert hall_joins(response) == [
        (True, f"/schedule/{hall_item.pk}/join", "Join the poster hall for registered attendees")
    ]
    assert hall_item.room.join_url not in response.content.decode()
    assert "Cookie" not in response.get("Vary", "")


def test_before_its_window_the_join_waits_hidden_for_the_visitors_clock(client, day, time_machine):
    poster = tended_poster(day, day["morning"])
    time_machine.move_to(at(7), tick=False)

    response = client.get(f"/posters/{poster.pk}/")

    hall_item = day["morning-emea-posters"]
    assert hall_joins(response) == [
        (False, f"/schedule/{hall_item.pk}/join", "Join the poster hall for registered attendees")
    ]


def test_after_its_window_there_is_no_hall_to_join(client, day, time_machine):
    poster = tended_poster(day, day["morning"])
    time_machine.move_to(at(12, 1), tick=False)

    assert hall_joins(client.get(f"/posters/{poster.pk}/")) == []


def test_a_public_poster_hall_says_nothing_of_registration(client, day, time_machine):
    poster = tended_poster(day, day["evening"])
    Room.objects.filter(name="Poster hall").update(access=Room.Access.PUBLIC)
    released(day["evening"].event)
    time_machine.move_to(at(15, 30), tick=False)

    response = client.get(f"/posters/{poster.pk}/")

    assert [text for _, _, text in hall_joins(response)] == ["Join the poster hall"]


def test_a_registrant_follows_it_into_the_hall_and_anyone_else_is_told_why(
    client, day, time_machine
):
    poster = tended_poster(day, day["evening"])
    hall_item = day["evening-apac-us-posters"]
    time_machine.move_to(at(15, 30), tick=False)
    [(_, join, _)] = hall_joins(client.get(f"/posters/{poster.pk}/"))
    attendee = UserFactory()
    RegistrationFactory(
        event=day["evening"].event, user=attendee, email=attendee.email, tracks=[day["evening"]]
    )

    refused = client.get(join)
    client.force_login(attendee)
    admitted = client.get(join)

    assert refused.status_code == 403
    assert (admitted.status_code, admitted.url) == (302, hall_item.room.join_url)
    assert Attendance.objects.get().item_title == hall_item.title


def test_a_window_without_a_poster_exhibition_has_no_hall_to_join(client, day, time_machine):
    poster = tended_poster(day, day["morning"])
    day["morning-emea-posters"].delete()
    released(day["morning"].event)
    time_machine.move_to(at(9, 30), tick=False)

    assert hall_joins(client.get(f"/posters/{poster.pk}/")) == []
