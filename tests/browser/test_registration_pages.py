"""In a real browser: register with the zone the browser gives, sign in with the emailed link,
and every registration page passes axe-core at desktop and phone width, in two zones."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ecosystem_day.registration.models import Question, Registration
from sessions.releases import release_schedule
from tests.browser.axe import axe_violations
from tests.browser.test_accessibility import signed_in_cookie
from tests.factories import (
    EventFactory,
    RegistrationSettingsFactory,
    RoomFactory,
    ScheduleItemFactory,
    UserFactory,
)
from tests.registration.conftest import SIGN_IN_LINK

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "registration"
WIDTHS = (1366, 768, 390)
ZONES = ("Asia/Tokyo", "America/Los_Angeles")


@pytest.fixture
def edition(db):
    from datetime import datetime, time

    from tests.factories import TrackFactory

    event = EventFactory(name="PyTorch Ecosystem Day 2027")
    TrackFactory(event=event, name="Morning (EMEA)", slug="morning", position=1)
    TrackFactory(
        event=event,
        name="Evening (APAC / US)",
        slug="evening",
        position=2,
        breakouts_start_at=datetime.combine(event.date, time(17), tzinfo=event.tz),
        breakouts_end_at=datetime.combine(event.date, time(20), tzinfo=event.tz),
    )
    RegistrationSettingsFactory(event=event, capacity=500)
    Question.objects.create(event=event, label="What do you work on?", kind="text", position=1)
    Question.objects.create(
        event=event,
        label="How did you hear about the day?",
        kind="choice",
        choices="Twitter\nA colleague\nThe PyTorch blog",
        position=2,
    )
    return event


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_registering_in_tokyo_fills_the_zone_and_the_link_opens_my_registration(
    browser, live_server, edition
):
    context = browser.new_context(timezone_id="Asia/Tokyo", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/register/")
    expect(page.locator("input[name=time_zone]")).to_have_value("Asia/Tokyo")
    page.fill("input[name=name]", "Kenji Sato")
    page.fill("input[name=email]", "kenji@example.org")
    page.get_by_label("Evening (APAC / US)").check()
    page.get_by_label("I have read the code of conduct").check()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="You are registered")).to_be_visible()

    registration = Registration.objects.get()
    assert (registration.time_zone, registration.status) == ("Asia/Tokyo", "registered")
    from post_office.models import Email

    path = re.search(SIGN_IN_LINK, Email.objects.get().message).group(1)
    page.goto(live_server.url + path)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=re.compile("My registration"))).to_be_visible()
    expect(page.locator("dd", has_text="Asia/Tokyo")).to_have_count(1)
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_registration_page_passes_axe_at_every_width_in_two_zones(
    browser, live_server, edition
):
    user = UserFactory(name="Ada Lovelace", email="ada@example.org")
    from ecosystem_day.registration import services

    services.register(
        event=edition,
        name="Ada Lovelace",
        email="ada@example.org",
        tracks=list(edition.tracks.all()),
        time_zone="Europe/Berlin",
        country="GB",
        affiliation="Analytical Engines",
    )
    Registration.objects.update(user=user)
    item = ScheduleItemFactory(
        event=edition,
        title="Profiling, live",
        track=edition.tracks.first(),
        room=RoomFactory(event=edition, name="Breakout room 1"),
        starts_at=edition.tracks.first().breakout_window.starts_at,
        ends_at=edition.tracks.first().breakout_window.ends_at,
    )
    release_schedule(edition, by=UserFactory(groups=["Organizers"]))
    anonymous = ["/register/", "/register/sent/", "/register/sign-in/", "/register/sign-in/MQ:x:y/"]
    anonymous.append(f"/schedule/{item.pk}/join")  # a 403 page that offers registration
    mine = ["/me/registration/", "/me/registration/cancel/", "/me/registration/delete/"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for zone in ZONES:
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 900}, timezone_id=zone
            )
            page = context.new_page()
            for paths, cookie in ((anonymous, None), (mine, signed_in_cookie(user, live_server))):
                if cookie:
                    context.add_cookies([cookie])
                for path in paths:
                    status = page.goto(live_server.url + path).status
                    assert status == (403 if path.endswith("/join") else 200), path
                    violations = axe_violations(page)
                    if page.evaluate("document.documentElement.scrollWidth > innerWidth"):
                        violations.append(("layout", "horizontal-scroll", path))
                    if violations:
                        found[(path, width, zone)] = violations
                    name = path.strip("/").replace("/", "-").replace(":", "") or "home"
                    page.screenshot(
                        path=str(ARTIFACTS / f"{name}-{width}-{zone.replace('/', '_')}.png"),
                        full_page=True,
                    )
            context.close()

    assert found == {}


@pytest.fixture
def april_day(db):
    """Wednesday, April 21, 2027 in Los Angeles (PDT); Morning 8:00–12:00, Evening 17:00–20:00."""
    from datetime import date, datetime, time

    from tests.factories import TrackFactory

    day = date(2027, 4, 21)
    event = EventFactory(name="PyTorch Ecosystem Day 2027", date=day)
    TrackFactory(
        event=event,
        name="Morning (EMEA)",
        slug="morning",
        position=1,
        starts_at=datetime.combine(day, time(8), tzinfo=event.tz),
    )
    TrackFactory(
        event=event,
        name="Evening (APAC / US)",
        slug="evening",
        position=2,
        breakouts_start_at=datetime.combine(day, time(17), tzinfo=event.tz),
        breakouts_end_at=datetime.combine(day, time(20), tzinfo=event.tz),
    )
    RegistrationSettingsFactory(event=event)
    return event


def _sessions(page):
    return [
        " ".join(text.split())
        for text in page.locator("#div_id_tracks label").evaluate_all(
            "labels => labels.map(label => label.innerText)"
        )
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_sessions_read_in_my_zone_and_follow_the_zone_i_type(browser, live_server, april_day):
    context = browser.new_context(timezone_id="Asia/Tokyo", viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/register/")

    # The browser writes a zone without an English abbreviation as its offset (times.js).
    assert _sessions(page) == [
        "Morning (EMEA) Thu, Apr 22, 12:00 AM UTC+9 – 4:00 AM UTC+9 "
        "Event time: 8:00 AM PDT – 12:00 PM PDT",
        "Evening (APAC / US) Thu, Apr 22, 9:00 AM UTC+9 – 12:00 PM UTC+9 "
        "Event time: 5:00 PM PDT – 8:00 PM PDT",
    ]
    page.fill("input[name=time_zone]", "Europe/Berlin")
    assert _sessions(page) == [
        "Morning (EMEA) 5:00 PM UTC+2 – 9:00 PM UTC+2 Event time: 8:00 AM PDT – 12:00 PM PDT",
        "Evening (APAC / US) Thu, Apr 22, 2:00 AM UTC+2 – 5:00 AM UTC+2 "
        "Event time: 5:00 PM PDT – 8:00 PM PDT",
    ]
    page.fill("input[name=time_zone]", "Europe/Ber")  # half typed: Berlin's times stay
    assert _sessions(page)[0].startswith("Morning (EMEA) 5:00 PM UTC+2")
    page.fill("input[name=time_zone]", "America/Los_Angeles")
    assert _sessions(page) == [
        "Morning (EMEA) 8:00 AM PDT – 12:00 PM PDT",
        "Evening (APAC / US) 5:00 PM PDT – 8:00 PM PDT",
    ]
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_los_angeles_the_form_says_each_session_once(browser, live_server, april_day):
    context = browser.new_context(
        timezone_id="America/Los_Angeles", viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + "/register/")

    expect(page.locator("input[name=time_zone]")).to_have_value("America/Los_Angeles")
    assert _sessions(page) == [
        "Morning (EMEA) 8:00 AM PDT – 12:00 PM PDT",
        "Evening (APAC / US) 5:00 PM PDT – 8:00 PM PDT",
    ]
    context.close()
