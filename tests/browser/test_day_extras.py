"""In a real browser, in Tokyo and Los Angeles at 1366, 768 and 390 px: the menu's Register
and the account's My registration, a poster's page with the poster hall's Join while its
presenters are at it, the recap's and the dashboard's counts of who came, and starting the
next edition with new texts and room links. Every page passes axe-core and scrolls no way
but down; each is kept as a screenshot in test-artifacts/dayextras/."""

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ecosystem_day.event.models import Event
from sessions.attendance import Attendance
from sessions.models import Room, ScheduleItem
from sessions.releases import release_schedule
from tests.browser.axe import axe_violations
from tests.browser.test_accessibility import signed_in_cookie
from tests.factories import (
    AcceptedPosterFactory,
    EventFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    RoomFactory,
    ScheduleItemFactory,
    TrackFactory,
    UserFactory,
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "dayextras"
WIDTHS = (1366, 768, 390)
ZONES = ("Asia/Tokyo", "America/Los_Angeles")
HALL = "https://gather.example.org/ptd-hall-secret"


def the_day(day_offset=0):
    """The current edition on today's date in Los Angeles (or `day_offset` days from it): the
    morning session's poster exhibition on now in a registered-only poster hall, a poster
    tended in it, registration open, an attendee with a seat and an organizer."""
    now = timezone.now()
    la_today = now.astimezone(ZoneInfo("America/Los_Angeles"))
    event = EventFactory(
        name="PyTorch Ecosystem Day 2027",
        date=la_today.date() + timedelta(days=day_offset),
        cfp_deadline=now - timedelta(days=30),
    )
    shift = timedelta(days=day_offset)
    morning = TrackFactory(
        event=event,
        name="Morning (EMEA)",
        slug="morning",
        position=1,
        breakouts_start_at=now + shift - timedelta(minutes=30),
        breakouts_end_at=now + shift + timedelta(minutes=90),
    )
    hall = RoomFactory(event=event, name="Poster hall", join_url=HALL)
    exhibition = ScheduleItemFactory(
        event=event,
        kind=ScheduleItem.Kind.POSTERS,
        title="Poster exhibition & breakout sessions",
        track=morning,
        room=hall,
        starts_at=morning.breakout_window.starts_at,
        ends_at=morning.breakout_window.ends_at,
    )
    poster = AcceptedPosterFactory(event=event, title="TorchTrace: tracing at scale")
    poster.tending_tracks.set([morning])
    RegistrationSettingsFactory(event=event)
    attendee = UserFactory(name="Kenji Sato", email="kenji@example.org")
    RegistrationFactory(
        event=event, user=attendee, email=attendee.email, country="JP", tracks=[morning]
    )
    for n, country in enumerate(["DE", "US", "JP"]):
        RegistrationFactory(
            event=event, email=f"p{n}@example.org", country=country, tracks=[morning]
        )
    organizer = UserFactory(
        name="Olivia Organizer", email="olivia@example.org", groups=["Organizers"]
    )
    release_schedule(event, by=organizer)
    return {
        "event": event,
        "poster": poster,
        "exhibition": exhibition,
        "attendee": attendee,
        "organizer": organizer,
    }


def checked(page, name, found):
    """axe-core and sideways scrolling on the page as it is now; a screenshot kept."""
    violations = axe_violations(page)
    if page.evaluate("document.documentElement.scrollWidth > innerWidth"):
        violations.append(("layout", "horizontal-scroll", name))
    if violations:
        found[name] = violations
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def open_menu(page, width):
    if width < 992:
        page.locator(".navbar-toggler").click()
        expect(page.locator("#site-menu")).to_be_visible()


def everywhere(browser, cookie=None):
    for zone in ZONES:
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 900}, timezone_id=zone
            )
            if cookie:
                context.add_cookies([cookie])
            yield context, context.new_page(), f"{width}-{zone.replace('/', '_')}", width
            context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_poster_page_offers_register_and_the_poster_halls_join_during_its_window(
    browser, live_server
):
    day = the_day()
    path = f"/posters/{day['poster'].pk}/"
    found = {}
    for _, page, name, width in everywhere(browser):
        page.goto(live_server.url + path)
        window = page.locator("[data-tending-window]")
        expect(window.locator("[data-at-poster-now]")).to_be_visible()
        join = window.get_by_role("link", name="Join the poster hall")
        expect(join).to_be_visible()
        expect(join).to_have_attribute("href", f"/schedule/{day['exhibition'].pk}/join")
        assert HALL not in page.content()
        open_menu(page, width)
        expect(page.locator("#site-menu").get_by_role("link", name="Register")).to_be_visible()
        checked(page, f"poster-anonymous-{name}", found)

    assert found == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_registrant_finds_my_registration_in_the_account_menu_and_joins_the_hall(
    browser, live_server
):
    day = the_day()
    cookie = signed_in_cookie(day["attendee"], live_server)
    found = {}
    for _, page, name, width in everywhere(browser, cookie):
        page.goto(live_server.url + f"/posters/{day['poster'].pk}/")
        open_menu(page, width)
        menu = page.locator("#site-menu")
        expect(menu.get_by_role("link", name="Register")).to_have_count(0)
        menu.get_by_role("button", name="My account").click()
        expect(menu.get_by_text("Signed in as Kenji Sato")).to_be_visible()
        expect(menu.get_by_role("link", name="My registration")).to_be_visible()
        checked(page, f"account-menu-{name}", found)
        joined = page.request.get(
            live_server.url + f"/schedule/{day['exhibition'].pk}/join", max_redirects=0
        )
        assert (joined.status, joined.headers["location"]) == (302, HALL)
        menu.get_by_role("link", name="My registration").click()
        expect(page).to_have_url(live_server.url + "/me/registration/")

    assert Attendance.objects.get().item_title == "Poster exhibition & breakout sessions"
    assert found == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_recap_and_the_dashboard_count_who_came(browser, live_server):
    day = the_day(day_offset=-2)  # the day is over: the recap is out
    exhibition = day["exhibition"]
    registrations = day["event"].registrations.all()
    Attendance.objects.bulk_create(
        Attendance(
            registration=registration,
            event=day["event"],
            item_id=exhibition.pk,
            item_guid=exhibition.guid,
            item_title=exhibition.title,
        )
        for registration in registrations[:3]
    )
    found = {}
    for _, page, name, _ in everywhere(browser):
        page.goto(live_server.url + "/recap/")
        expect(page.locator("[data-recap-registered]")).to_have_text("4 people registered")
        expect(page.locator("[data-recap-attended]")).to_have_text("3 joined the day")
        expect(page.locator("[data-recap-item] td").last).to_have_text("3")
        checked(page, f"recap-{name}", found)
    cookie = signed_in_cookie(day["organizer"], live_server)
    for _, page, name, _ in everywhere(browser, cookie):
        page.goto(live_server.url + "/admin/dashboard/")
        expect(page.locator("[data-attended]")).to_have_text("3 people joined at least one item.")
        page.locator("#attendance-heading").scroll_into_view_if_needed()
        checked(page, f"dashboard-{name}", found)

    assert found == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_starting_the_next_edition_asks_for_new_room_links_before_it_starts(browser, live_server):
    day = the_day()
    Event.objects.filter(pk=day["event"].pk).update(
        description="Our first PyTorch Ecosystem Day: a virtual, one-day event."
    )
    RoomFactory(event=day["event"], name="Main stage", join_url="https://live.example.org/2027")
    cookie = signed_in_cookie(day["organizer"], live_server)
    url = f"{live_server.url}/admin/ecosystem_day/event/{day['event'].pk}/next-edition/"
    found = {}
    for n, (_, page, name, _) in enumerate(everywhere(browser, cookie)):
        page.goto(url)
        expect(page.locator("[data-unchanged]")).to_have_count(4)  # 2 texts, 2 links
        expect(page.get_by_label("Description")).to_have_value(
            "Our first PyTorch Ecosystem Day: a virtual, one-day event."
        )
        checked(page, f"next-edition-{name}", found)
        page.get_by_label("Name").fill(f"PyTorch Ecosystem Day 2028 ({n})")
        page.get_by_label("Slug").fill(f"edition-2028-{n}")
        page.get_by_label("Description").fill("The second PyTorch Ecosystem Day.")
        page.get_by_role("button", name="Start the next edition").click()
        expect(page.locator("[data-next-edition-refusal]")).to_contain_text(
            "Still the links of “PyTorch Ecosystem Day 2027”: Main stage, Poster hall."
        )
        expect(page.locator("[data-unchanged]")).to_have_count(3)  # the tagline, 2 links
        checked(page, f"next-edition-refused-{name}", found)
        page.get_by_label("Poster hall: join link").fill("https://gather.example.org/ptd-2028")
        page.get_by_label("Main stage: join link").fill("https://live.example.org/2028")
        page.get_by_role("button", name="Start the next edition").click()
        expect(page.locator(".messagelist")).to_contain_text(
            f"“PyTorch Ecosystem Day 2028 ({n})” starts from “PyTorch Ecosystem Day 2027”"
        )
        edition = Event.objects.get(slug=f"edition-2028-{n}")
        assert edition.description == "The second PyTorch Ecosystem Day."
        assert set(Room.objects.filter(event=edition).values_list("join_url", flat=True)) == {
            "https://gather.example.org/ptd-2028",
            "https://live.example.org/2028",
        }

    assert found == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_dashboards_attendance_fits_a_phone_and_each_item_leads_to_who_joined_it(
    browser, live_server
):
    day = the_day()
    talk = ScheduleItemFactory(
        event=day["event"],
        title="Talk: Tokenizers that stream: fast NLP preprocessing in PyTorch DataPipes",
        track=day["exhibition"].track,
        room=RoomFactory(event=day["event"], name="Breakout room 1"),
        starts_at=day["exhibition"].starts_at,
        ends_at=day["exhibition"].starts_at + timedelta(minutes=40),
    )
    release_schedule(day["event"], by=day["organizer"])
    registration = day["event"].registrations.get(user=day["attendee"])
    Attendance.objects.create(
        registration=registration,
        event=day["event"],
        item_id=talk.pk,
        item_guid=talk.guid,
        item_title=talk.title,
    )
    found = {}
    for _, page, name, _ in everywhere(browser, signed_in_cookie(day["organizer"], live_server)):
        page.goto(live_server.url + "/admin/dashboard/")
        attendance = page.locator("section[aria-labelledby=attendance-heading]")
        attendance.scroll_into_view_if_needed()
        assert attendance.evaluate("section => section.scrollWidth <= section.clientWidth"), name
        checked(page, f"dashboard-attendance-{name}", found)
    page = browser.new_page()
    page.context.add_cookies([signed_in_cookie(day["organizer"], live_server)])
    page.goto(live_server.url + "/admin/dashboard/")
    page.get_by_role("link", name=talk.title).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list tbody tr td.field-attendee")).to_have_text(registration.name)

    assert found == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_registrations_admin_page_with_its_history_and_reminders_passes_axe(browser, live_server):
    day = the_day()
    registration = day["event"].registrations.get(user=day["attendee"])
    from ecosystem_day.registration import services

    services.set_item_reminders(registration, by=day["attendee"], on=True)
    services.cancel_registration(registration, by=day["attendee"])
    found = {}
    for _, page, name, _ in everywhere(browser, signed_in_cookie(day["organizer"], live_server)):
        page.goto(live_server.url + f"/admin/registration/registration/{registration.pk}/change/")
        expect(page.get_by_role("heading", name="Registration changes")).to_be_visible()
        checked(page, f"registration-admin-{name}", found)

    assert found == {}
