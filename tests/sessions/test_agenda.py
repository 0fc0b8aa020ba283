"""My agenda: a star on every item; signed-in visitors keep stars in their account (a browser's
stars merge in at log-in), /schedule/mine/ shows the starred items and both sessions' blocks,
and items cancelled since are shown as removed rather than dropped."""

import pytest
from django.test import Client

from sessions.models import AgendaFeed, Star
from sessions.releases import release_schedule
from sessions.services import unschedule_breakout
from tests.sessions.agenda_world import many_items
from tests.sessions.helpers import at, page


@pytest.fixture
def signed_in(client, attendee):
    client.force_login(attendee)
    return client


def guid(item):
    return str(item.guid)


def stars_of(user):
    return sorted(str(star.guid) for star in Star.objects.filter(user=user))


def agenda_titles(response):
    return [node.one("data-title").text for node in page(response).find_all("data-agenda-item")]


def test_a_star_without_javascript_toggles_and_goes_back_to_the_page(signed_in, attendee, day):
    profiling = guid(day["profiling"])

    first = signed_in.post("/schedule/star", {"guid": profiling, "next": "/schedule/"})
    assert (first.status_code, first["Location"]) == (302, "/schedule/")
    assert stars_of(attendee) == [profiling]

    signed_in.post("/schedule/star", {"guid": profiling, "next": "/schedule/"})
    assert stars_of(attendee) == []


def test_a_star_never_sends_the_visitor_to_another_site(signed_in, day):
    response = signed_in.post(
        "/schedule/star", {"guid": guid(day["keynote"]), "next": "https://evil.example/"}
    )

    assert response["Location"] == "/schedule/mine/"


def test_javascript_sets_the_star_it_means_and_reads_the_answer(signed_in, attendee, day):
    keynote = guid(day["keynote"])
    json = {"HTTP_ACCEPT": "application/json"}

    on = signed_in.post("/schedule/star", {"guid": keynote, "starred": "1"}, **json)
    again = signed_in.post("/schedule/star", {"guid": keynote, "starred": "1"}, **json)

    assert on.json() == again.json() == {"guid": keynote, "starred": True}
    assert stars_of(attendee) == [keynote]
    off = signed_in.post("/schedule/star", {"guid": keynote, "starred": "0"}, **json)
    assert off.json() == {"guid": keynote, "starred": False}
    assert stars_of(attendee) == []
    assert off["Cache-Control"] == "private, no-store"


def test_an_anonymous_star_without_javascript_leads_to_logging_in(client, day):
    response = client.post(
        "/schedule/star", {"guid": guid(day["keynote"]), "next": "/schedule/42/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/schedule/42/"
    assert Star.objects.count() == 0


def test_a_signed_in_star_needs_the_forms_csrf_token(attendee, day):
    client = Client(enforce_csrf_checks=True)
    client.force_login(attendee)

    response = client.post("/schedule/star", {"guid": guid(day["keynote"])})

    assert response.status_code == 403
    assert Star.objects.count() == 0


def test_only_an_item_on_the_schedule_can_be_starred(signed_in, day):
    unknown = signed_in.post("/schedule/star", {"guid": "00000000-0000-4000-8000-000000000000"})
    garbage = signed_in.post("/schedule/star", {"guid": "not a guid"})

    assert (unknown.status_code, garbage.status_code) == (404, 400)
    assert "its guid is missing or wrong" in garbage.content.decode()
    assert Star.objects.count() == 0


def test_my_agenda_shows_my_starred_items_and_the_blocks_for_both_sessions(
    signed_in, attendee, day
):
    Star.objects.create(user=attendee, event=day["event"], guid=day["tensors"].guid)

    response = signed_in.get("/schedule/mine/")

    assert agenda_titles(response) == ["Opening for both sessions", "Tensors at scale"]
    forms = list(page(response).find_all("data-star-form"))
    assert [form.attrs["data-agenda"] for form in forms] == ["account", "account"]
    assert [node.attrs["name"] for node in forms[1].find_all("name")] == [
        "csrfmiddlewaretoken",
        "guid",
        "next",
    ]
    stars = [
        (star.attrs["aria-pressed"], star.attrs["aria-label"])
        for star in page(response).find_all("data-star")
    ]
    assert stars == [
        ("false", "Add Opening for both sessions to my agenda"),
        ("true", "Add Tensors at scale to my agenda"),
    ]


def marks(response):
    """Each agenda item's title, its badge, and its Join and calendar links (as booleans)."""
    return [
        (
            node.one("data-title").text,
            node.texts("data-badge"),
            bool(list(node.find_all("data-join"))),
            bool(list(node.find_all("data-calendar"))),
        )
        for node in page(response).find_all("data-agenda-item")
    ]


def test_on_the_day_my_agenda_marks_now_and_next_and_offers_join_until_an_item_ends(
    signed_in, attendee, day, time_machine
):
    for item in ("keynote", "tensors"):
        Star.objects.create(user=attendee, event=day["event"], guid=day[item].guid)
    time_machine.move_to(at(8, 10), tick=False)

    response = signed_in.get("/schedule/mine/")

    assert marks(response) == [
        ("Opening for both sessions", ["Ended"], False, False),
        ("Morning keynote", ["Now"], False, True),  # in no room: nothing to join
        ("Tensors at scale", [], True, True),
    ]


def test_between_items_the_next_one_of_the_day_is_marked_next(client, day, time_machine):
    time_machine.move_to(at(8, 50), tick=False)

    response = client.get("/schedule/mine/")

    assert marks(response) == [
        ("Opening for both sessions", ["Ended"], False, False),
        ("Morning keynote", ["Ended"], False, False),
        ("Profiling, live", ["Next"], True, True),
        ("Tensors at scale", [], True, True),
    ]


def test_an_anonymous_agenda_copy_is_kept_only_until_the_next_item_starts_or_ends(
    client, day, time_machine
):
    time_machine.move_to(at(8, 57), tick=False)

    response = client.get("/schedule/mine/")

    assert response["Cache-Control"] == "public, max-age=180"  # Profiling starts at 9:00
    assert "Cookie" not in response.get("Vary", "")


def test_a_starred_item_cancelled_later_is_shown_as_removed(signed_in, attendee, day, organizer):
    Star.objects.create(user=attendee, event=day["event"], guid=day["profiling"].guid)
    unschedule_breakout(day["profiling"].breakout, by=organizer)
    release_schedule(day["event"], by=organizer)

    response = signed_in.get("/schedule/mine/")

    removed = page(response).one("data-agenda-cancelled")
    assert removed.texts("data-agenda-item") == [
        "Removed from the schedule Profiling, live Was 9:00 AM PDT – 9:40 AM PDT "
        "Cancelled in version 2. ★"
    ]
    assert agenda_titles(response)[:1] == ["Opening for both sessions"]


def test_an_anonymous_agenda_is_the_same_page_for_everyone_with_every_item(client, day):
    first = client.get("/schedule/mine/")
    second = Client().get("/schedule/mine/")

    assert first.content == second.content
    assert page(first).one("data-agenda-list").attrs["data-agenda-list"] == "browser"
    assert agenda_titles(first) == [
        "Opening for both sessions",
        "Morning keynote",
        "Profiling, live",
        "Tensors at scale",
    ]
    assert b"csrfmiddlewaretoken" not in first.content
    assert "Stars you add are kept in this browser" in first.content.decode()


def test_a_browsers_stars_merge_into_the_account_at_log_in(signed_in, attendee, day):
    kept = [guid(day["keynote"]), guid(day["tensors"]), "00000000-0000-4000-8000-000000000000"]

    response = signed_in.post("/schedule/mine/merge", {"guid": [*kept, "garbage"]})

    assert response.json() == {"merged": 2}
    assert stars_of(attendee) == sorted(kept[:2])
    assert signed_in.post("/schedule/mine/merge", {"guid": kept}).json() == {"merged": 2}
    assert stars_of(attendee) == sorted(kept[:2])


def test_merging_needs_an_account(client, day):
    response = client.post("/schedule/mine/merge", {"guid": [guid(day["keynote"])]})

    assert response.status_code == 403
    assert Star.objects.count() == 0


def test_my_stars_as_json_for_the_pages_script(signed_in, client, attendee, day):
    Star.objects.create(user=attendee, event=day["event"], guid=day["keynote"].guid)

    response = signed_in.get("/schedule/mine.json")

    assert response.json() == {"signed_in": True, "stars": [guid(day["keynote"])]}
    assert response["Cache-Control"] == "private, no-store"
    assert Client().get("/schedule/mine.json").json() == {"signed_in": False, "stars": []}


def test_a_personal_calendar_link_is_made_on_request_and_renewed_by_a_new_secret(
    signed_in, attendee, day
):
    assert page(signed_in.get("/schedule/mine/")).texts("data-agenda-feed") == []

    made = signed_in.post("/schedule/mine/new-link", follow=True)
    first = AgendaFeed.objects.get(user=attendee)
    [field] = page(made).find_all("data-agenda-feed")
    assert field.attrs["value"] == f"http://testserver/schedule/mine/{first.token}.ics"
    assert "Your calendar link is ready" in made.content.decode()

    renewed = signed_in.post("/schedule/mine/new-link", follow=True)
    second = AgendaFeed.objects.get(user=attendee)
    assert second.token != first.token
    assert "the old one no longer works" in renewed.content.decode()
    assert Client().get(f"/schedule/mine/{first.token}.ics").status_code == 404
    assert Client().get(f"/schedule/mine/{second.token}.ics").status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_my_agenda_costs_the_same_queries_for_10_or_1000_items(
    signed_in, attendee, day, count, django_assert_num_queries
):
    guids = many_items(day["event"], day["morning"], count)
    Star.objects.bulk_create(
        Star(user=attendee, event=day["event"], guid=value) for value in guids[::2]
    )
    Star.objects.create(user=attendee, event=day["event"], guid=day["profiling"].guid)
    unschedule_breakout(day["profiling"].breakout, by=day["release"].released_by)
    release_schedule(day["event"], by=day["release"].released_by)
    AgendaFeed.objects.create(user=attendee, event=day["event"])

    with django_assert_num_queries(8):  # with their registration, for the reminders' switch
        response = signed_in.get("/schedule/mine/")
    with django_assert_num_queries(3):  # the edition is remembered from the page before
        stars = signed_in.get("/schedule/mine.json")

    assert len(agenda_titles(response)) == 1 + count // 2 + 1  # opening, stars, cancelled
    assert len(stars.json()["stars"]) == count // 2 + 1
