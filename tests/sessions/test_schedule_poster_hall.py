"""The poster hall on the day: a poster's page says when its presenters stand by it (the
poster exhibition of each session they tend it in, as released), and "At the poster now"
during that window."""

import pytest

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

    window = day["morning"]
    assert (window.breakouts_start_at, window.breakouts_end_at) == (at(9), at(12))
    assert windows(response) == [("Morning (EMEA)", [], "9:00 AM PDT – 12:00 PM PDT")]


def test_a_poster_nobody_tends_names_no_window(client, day):
    poster = tended_poster(day)

    response = client.get(f"/posters/{poster.pk}/")

    assert windows(response) == []
    assert len(list(page(response).one("data-poster-breakouts").find_all("href"))) == 1
