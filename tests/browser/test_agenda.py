"""My agenda in a browser: an anonymous visitor's stars survive a reload, move into the
account at log-in, and /schedule/mine/ and the change log pass axe on laptop and phone."""

import pytest
from playwright.sync_api import expect

from sessions.models import Star
from sessions.releases import release_schedule
from sessions.services import move_breakout
from tests.browser.axe import axe_violations
from tests.factories import PASSWORD, UserFactory
from tests.sessions.agenda_world import released_day
from tests.sessions.helpers import at

WIDTHS = pytest.mark.parametrize(
    ("width", "height"), [(1280, 900), (390, 844)], ids=["wide", "phone"]
)


def seen_release(page, number):
    """Wait until agenda.js noted the release it saw. page.wait_for_function would poll through
    eval(), which the page's CSP refuses once the condition is not true at once."""
    for _ in range(100):
        if page.evaluate("localStorage.getItem('agenda.lastRelease')") == number:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"agenda.js never noted release {number}")


def star_of(page, title):
    return page.get_by_role("button", name=f"Add {title} to my agenda")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_anonymous_star_survives_a_reload_and_joins_the_account_at_log_in(page, live_server):
    day = released_day(UserFactory(groups=["Organizers"]))
    attendee = UserFactory(email="ada@example.org")
    page.goto(live_server.url + "/schedule/mine/")

    expect(page.get_by_text("Nothing starred in this browser yet")).to_be_visible()
    expect(page.get_by_role("link", name="Profiling, live")).to_be_hidden()
    expect(page.get_by_role("link", name="Opening for both sessions")).to_be_visible()
    page.get_by_role("button", name="Show the whole programme").click()
    star_of(page, "Profiling, live").click()
    expect(star_of(page, "Profiling, live")).to_have_attribute("aria-pressed", "true")

    page.reload()
    expect(page.get_by_role("link", name="Profiling, live")).to_be_visible()
    expect(page.get_by_role("link", name="Morning keynote")).to_be_hidden()
    expect(star_of(page, "Profiling, live")).to_have_attribute("aria-pressed", "true")

    page.locator("[data-agenda-intro]").get_by_role("link", name="Log in").click()
    page.fill("input[name=username]", attendee.email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(live_server.url + "/schedule/mine/")
    expect(page.locator("[data-agenda-list=account]")).to_contain_text("Profiling, live")
    assert [str(star.guid) for star in Star.objects.filter(user=attendee)] == [
        str(day["profiling"].guid)
    ]
    assert page.evaluate("localStorage.getItem('agenda.stars')") is None
    expect(star_of(page, "Profiling, live")).to_have_attribute("aria-pressed", "true")

    star_of(page, "Profiling, live").click()  # signed in: the account, through fetch
    expect(star_of(page, "Profiling, live")).to_have_attribute("aria-pressed", "false")
    assert Star.objects.filter(user=attendee).count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@WIDTHS
def test_my_agenda_and_the_change_log_pass_axe(page, live_server, width, height):
    released_day(UserFactory(groups=["Organizers"]))
    attendee = UserFactory(email="ada@example.org")
    page.set_viewport_size({"width": width, "height": height})

    for path in ("/schedule/mine/", "/schedule/changes/"):
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], path
    page.goto(live_server.url + "/accounts/login/?next=/schedule/mine/")
    page.fill("input[name=username]", attendee.email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Make my calendar link").click()
    expect(page.get_by_label("Your agenda as a calendar")).to_be_visible()
    assert axe_violations(page) == [], "/schedule/mine/ signed in"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_item_moved_since_the_last_visit_is_marked_changed(page, live_server):
    organizer = UserFactory(groups=["Organizers"])
    day = released_day(organizer)
    page.goto(live_server.url + "/schedule/mine/")
    page.get_by_role("button", name="Show the whole programme").click()
    expect(page.locator("[data-changed]")).to_have_count(0)
    seen_release(page, "1")

    move_breakout(
        day["profiling"].breakout,
        track=day["morning"],
        room=day["rooms"][1],
        starts_at=at(10),
        by=organizer,
    )
    release_schedule(day["event"], by=organizer)
    page.reload()
    page.get_by_role("button", name="Show the whole programme").click()

    badge = page.locator("[data-changed]")
    expect(badge).to_have_count(1)
    expect(page.locator(f"[data-guid='{day['profiling'].guid}'] [data-changed]")).to_have_text(
        "Changed"
    )
    expect(badge).to_have_attribute("href", "/schedule/changes/#version-2")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_only_my_stars_narrows_the_cached_grid_to_the_starred_blocks(page, live_server):
    day = released_day(UserFactory(groups=["Organizers"]))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/schedule/")
    star_of(page, "Tensors at scale").click()

    page.get_by_role("button", name="Only my stars").click()

    expect(page.get_by_role("button", name="Only my stars")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator(f"#item-{day['tensors'].pk}")).to_be_visible()
    expect(page.locator(f"#item-{day['profiling'].pk}")).to_be_hidden()
    expect(page.locator(f"#item-{day['opening'].pk}")).to_be_hidden()
    expect(page.locator("[data-filter-count]")).to_have_text("Only your 1 starred item shown.")
    page.get_by_role("button", name="Only my stars").click()
    expect(page.locator(f"#item-{day['profiling'].pk}")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@WIDTHS
def test_on_the_day_my_agenda_shows_now_next_and_join_and_passes_axe(
    page, live_server, width, height, time_machine
):
    day = released_day(UserFactory(groups=["Organizers"]))
    time_machine.move_to(at(8, 50))
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server.url + "/schedule/mine/")
    page.get_by_role("button", name="Show the whole programme").click()

    keynote = page.locator(f"#item-{day['keynote'].pk}")
    profiling = page.locator(f"#item-{day['profiling'].pk}")
    expect(keynote.locator("[data-badge]")).to_have_text("Ended")
    expect(keynote.locator("[data-calendar]")).to_have_count(0)
    expect(profiling.locator("[data-badge]")).to_have_text("Next")
    expect(profiling.get_by_role("link", name="Join Profiling, live")).to_be_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_tokyo_on_the_day_networking_starred_on_the_grid_is_on_now_in_my_agenda(
    browser, live_server, time_machine
):
    from sessions.models import ScheduleItem
    from tests.factories import RoomFactory, ScheduleItemFactory

    organizer = UserFactory(groups=["Organizers"])
    day = released_day(organizer)
    ScheduleItemFactory(
        event=day["event"],
        kind=ScheduleItem.Kind.NETWORKING,
        title="Networking",
        room=RoomFactory(event=day["event"], name="Networking lounge", position=9),
        starts_at=at(9),
        ends_at=at(19),
    )
    release_schedule(day["event"], by=organizer, note="Networking, all day.")
    time_machine.move_to(at(9, 30))
    context = browser.new_context(timezone_id="Asia/Tokyo", viewport={"width": 1366, "height": 900})
    page = context.new_page()

    page.goto(live_server.url + "/schedule/")
    expect(page.locator("#site-menu").get_by_role("link", name="My agenda")).to_have_attribute(
        "href", "/schedule/mine/"
    )
    star_of(page, "Networking").click()
    expect(star_of(page, "Networking")).to_have_attribute("aria-pressed", "true")
    page.locator("main").get_by_role("link", name="My agenda").click()

    networking = page.locator("[data-agenda-list] li", has_text="Networking")
    expect(networking.locator("[data-badge]")).to_have_text("Now")
    expect(networking.get_by_role("link", name="Join Networking")).to_be_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_change_log_gives_each_change_in_the_visitors_zone_with_the_events_beside_it(
    page, live_server
):
    released_day(UserFactory(groups=["Organizers"]))
    page.context.close()
    context = page.context.browser.new_context(timezone_id="Asia/Tokyo")
    tokyo = context.new_page()

    tokyo.goto(live_server.url + "/schedule/changes/")

    profiling = tokyo.locator("li, div, section", has_text="Profiling, live").last
    expect(profiling).to_contain_text("1:00 AM UTC+9 – 1:40 AM UTC+9")
    expect(profiling).to_contain_text("Event time: 9:00 AM PDT – 9:40 AM PDT")
    context.close()
