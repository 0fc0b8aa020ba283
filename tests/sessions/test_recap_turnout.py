"""The recap counts who came from the data: the people holding a seat, by session of the day
and by country or region, the distinct people who joined, and each item's attendance (the
joins the join endpoint recorded), in a fixed number of queries."""

import pytest

from ecosystem_day.registration.models import Registration
from ecosystem_day.registration.tally import seats
from sessions.attendance import Attendance, attendance
from sessions.models import ScheduleItem
from sessions.recap import recap
from sessions.releases import release_schedule
from tests.sessions.helpers import at
from tests.sessions.turnout_world import join


def test_registered_counts_the_seats_by_session_and_country_not_the_wait_list_or_cancelled(
    turnout_day, turnout_people
):
    found = seats(turnout_day["event"])

    assert found.registered == 4
    assert found.by_session == [("Morning (EMEA)", 4), ("Evening (APAC / US)", 1)]
    assert found.by_country == [("Germany", 2), ("Japan", 1), ("United States of America", 1)]


def test_attended_counts_each_person_once_and_each_item_its_joins(
    turnout_day, turnout_people, client, time_machine
):
    keynote = turnout_day["event"].schedule_items.get(title="Opening keynote")
    for who in ("berlin", "munich", "seattle"):
        join(client, turnout_people[who], keynote, time_machine, at(8, 5))
    for who in ("berlin", "seattle"):
        join(client, turnout_people[who], turnout_day["profiling"], time_machine, at(9, 5))
    join(client, turnout_people["seattle"], turnout_day["tensors"], time_machine, at(15, 5))
    join(client, turnout_people["seattle"], turnout_day["tensors"], time_machine, at(15, 10))

    found = recap(turnout_day["event"])

    assert found.attended == 3
    assert [(title, starts_at, n) for title, starts_at, n in found.attendance] == [
        ("Opening keynote", at(8), 3),
        ("Profiling, live", at(9), 2),
        ("Tensors at scale", at(15), 1),
    ]


def test_an_item_with_a_room_nobody_joined_counts_zero_and_networking_without_one_is_left_out(
    turnout_day, turnout_people
):
    found = recap(turnout_day["event"])

    assert found.attended == 0
    assert [(title, n) for title, _, n in found.attendance] == [
        ("Opening keynote", 0),
        ("Profiling, live", 0),
        ("Tensors at scale", 0),
    ]


def test_joins_of_an_item_a_later_release_removed_are_still_counted_under_its_title(
    turnout_day, turnout_people, client, time_machine, organizer
):
    join(client, turnout_people["tokyo"], turnout_day["profiling"], time_machine, at(9, 5))
    ScheduleItem.objects.filter(pk=turnout_day["profiling"].pk).delete()
    release_schedule(turnout_day["event"], by=organizer)

    found = recap(turnout_day["event"])

    assert [(title, starts_at, n) for title, starts_at, n in found.attendance] == [
        ("Opening keynote", at(8), 0),
        ("Tensors at scale", at(15), 0),
        ("Profiling, live", None, 1),
    ]


def test_the_recap_page_shows_who_came(turnout_day, turnout_people, client, time_machine):
    join(client, turnout_people["berlin"], turnout_day["profiling"], time_machine, at(9, 5))
    client.logout()
    time_machine.move_to(at(9, day=22), tick=False)

    page = client.get("/recap/").content.decode()

    assert "<strong>4</strong> people registered" in page
    assert "<strong>1</strong> joined the day" in page
    assert (
        '<tr><th scope="row" class="fw-normal">Morning (EMEA)</th><td class="text-end">4</td></tr>'
    ) in page
    assert '<tr><th scope="row" class="fw-normal">Germany</th><td class="text-end">2</td></tr>' in (
        page
    )
    assert page.count("data-recap-item") == 3


def test_an_edition_nobody_registered_for_on_this_site_says_so(turnout_day, client, time_machine):
    time_machine.move_to(at(9, day=22), tick=False)

    page = client.get("/recap/").content.decode()

    assert "<strong>0</strong> people registered" in page
    assert "No one registered on this site for PyTorch Ecosystem Day." in page


@pytest.mark.parametrize("count", [10, 1000])
def test_the_counts_cost_four_queries_for_10_or_1000_people(
    turnout_day, count, django_assert_num_queries
):
    event = turnout_day["event"]
    registrations = Registration.objects.bulk_create(
        Registration(
            event=event,
            name=f"P{n}",
            email=f"p{n}@example.org",
            country=["DE", "JP", "BR"][n % 3],
            time_zone="Europe/Berlin",
            code_of_conduct_accepted_at=at(7),
        )
        for n in range(count)
    )
    Registration.tracks.through.objects.bulk_create(
        Registration.tracks.through(registration=registration, track=turnout_day["morning"])
        for registration in registrations
    )
    Attendance.objects.bulk_create(
        Attendance(
            registration=registration,
            event=event,
            item_id=turnout_day["profiling"].pk,
            item_guid=turnout_day["profiling"].guid,
            item_title="Profiling, live",
        )
        for registration in registrations
    )

    with django_assert_num_queries(4):
        found = seats(event)
        attended, per_item = attendance(event, ())

    assert (found.registered, found.by_session[0], attended) == (
        count,
        ("Morning (EMEA)", count),
        count,
    )
    assert per_item == [("Profiling, live", None, count)]
