"""In a real browser, counting clicks: an organizer moves one breakout to a free slot and
releases the schedule in 5 clicks or fewer, from the desk; drag and drop does the same in one
gesture, the keyboard without a mouse; the editor passes axe-core at desktop, tablet and phone
widths (the page never scrolls sideways: the grid's region does), read by an organizer in
Tokyo and one in Los Angeles."""

from datetime import datetime, time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sessions.models import ScheduleItem, ScheduleRelease
from sessions.releases import release_schedule
from sessions.services import schedule_breakout
from tests.browser.axe import axe_violations
from tests.browser.test_desk_pace import Clicks, log_in
from tests.factories import AcceptedBreakoutFactory, RoomFactory, TrackFactory, UserFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "schedule-editor"
MOST_CLICKS = 5
WIDTHS = {"desktop": (1366, 900), "tablet": (768, 1024), "phone": (390, 844)}
ZONES = ("Asia/Tokyo", "America/Los_Angeles")


def on_the_day(event, hour, minute=0):
    return datetime.combine(event.date, time(hour, minute), tzinfo=event.tz)


def zone_name(event):
    """ "PST" or "PDT": the event's day is a month ahead, in winter or in summer."""
    return on_the_day(event, 9).strftime("%Z")


def released_morning(event, zone="America/Los_Angeles"):
    """Olga (her profile in `zone`) and a morning whose version 1 is public: "Profiling, live"
    at 9:00 in Breakout room 1, "Compilers for everyone" waiting for a slot."""
    olga = UserFactory(name="Olga", email="olga@example.org", groups=["Organizers"], time_zone=zone)
    morning = TrackFactory(event=event, name="Morning (EMEA)")
    rooms = [RoomFactory(event=event, name=f"Breakout room {n}", position=n) for n in (1, 2, 3)]
    profiling = AcceptedBreakoutFactory(event=event, title="Profiling, live")
    AcceptedBreakoutFactory(event=event, title="Compilers for everyone")
    schedule_breakout(
        profiling, track=morning, room=rooms[0], starts_at=on_the_day(event, 9), by=olga
    )
    release_schedule(event, by=olga)
    return olga, profiling, rooms


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_moving_one_breakout_to_a_free_slot_and_releasing_takes_5_clicks_or_fewer(
    page, live_server, event
):
    _, profiling, rooms = released_morning(event)
    log_in(page, live_server, "olga@example.org")
    clicks = Clicks()

    clicks.click(page.get_by_role("link", name="1 Accepted breakouts not on the schedule"))
    expect(page.locator("h1")).to_have_text(f"Schedule editor: {event.name}")
    card = page.locator(f"#breakout-{profiling.pk}")
    clicks.click(card.get_by_text("Move…"))
    slot = f"10:20–11:00 {zone_name(event)} · Breakout room 2"
    clicks.click(card.get_by_role("button", name=slot))
    expect(page.locator(".messagelist")).to_contain_text("“Profiling, live” is moved")
    clicks.click(page.get_by_role("link", name="Release…"))
    expect(page.locator("#content-main")).to_contain_text("Profiling, live")
    clicks.click(page.get_by_role("button", name="Release version 2"))
    expect(page.locator(".messagelist")).to_contain_text("Version 2 of the schedule is public")

    print(f"\nmove one breakout and release: {clicks.count} clicks")
    assert clicks.count <= MOST_CLICKS, f"{clicks.count} clicks, more than {MOST_CLICKS}"
    item = ScheduleItem.objects.get(breakout=profiling)
    assert (item.room, item.starts_at) == (rooms[1], on_the_day(event, 10, 20))
    latest = ScheduleRelease.objects.get(number=2)
    assert [change["what"] for change in latest.changes] == ["moved"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dropping_a_waiting_breakout_on_a_free_slot_places_it(page, live_server, event):
    released_morning(event)
    log_in(page, live_server, "olga@example.org")
    page.goto(live_server.url + "/admin/breakouts/scheduleitem/editor/")
    waiting = page.locator(".ed-waiting .ed-card", has_text="Compilers for everyone")
    target = page.locator("td.ed-free", has_text=f"Free 09:40–10:20 {zone_name(event)}").first

    waiting.drag_to(target)

    expect(page.locator(".messagelist")).to_contain_text(
        "“Compilers for everyone” is placed: Morning (EMEA), "
        f"09:40–10:20 {zone_name(event)}, Breakout room 1."
    )
    item = ScheduleItem.objects.get(breakout__title="Compilers for everyone")
    assert (item.room.name, item.starts_at) == ("Breakout room 1", on_the_day(event, 9, 40))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_breakout_is_placed_with_the_keyboard_alone(page, live_server, event):
    released_morning(event)
    log_in(page, live_server, "olga@example.org")
    page.goto(live_server.url + "/admin/breakouts/scheduleitem/editor/")
    place = page.locator(".ed-waiting summary", has_text="Place…")

    place.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text(f"09:00–09:40 {zone_name(event)} · Breakout room 2")
    page.keyboard.press("Enter")

    expect(page.locator(".messagelist")).to_contain_text("“Compilers for everyone” is placed")
    item = ScheduleItem.objects.get(breakout__title="Compilers for everyone")
    assert (item.room.name, item.starts_at) == ("Breakout room 2", on_the_day(event, 9))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("zone", ZONES)
def test_the_editor_passes_axe_at_every_width_in_any_zone(browser, live_server, event, zone):
    released_morning(event, zone)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found = {}

    for width, (w, h) in WIDTHS.items():
        context = browser.new_context(viewport={"width": w, "height": h}, timezone_id=zone)
        page = context.new_page()
        log_in(page, live_server, "olga@example.org")
        page.goto(live_server.url + "/admin/breakouts/scheduleitem/editor/")
        page.locator(".ed-waiting summary").first.click()  # its free slots open
        found[width] = axe_violations(page)
        # Only the grid's region scrolls sideways, never the page.
        assert page.evaluate("document.documentElement.scrollWidth") == w
        city = zone.split("/")[1].lower()
        page.screenshot(path=str(ARTIFACTS / f"editor-{width}-{city}.png"), full_page=True)
        context.close()

    for width, violations in found.items():
        for violation in violations:
            print(width, violation)
    assert {width: violations for width, violations in found.items() if violations} == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_slot_the_breakout_may_not_take_refuses_the_drop_before_anything_is_sent(
    page, live_server, event
):
    _, profiling, _ = released_morning(event)
    AcceptedBreakoutFactory(
        event=event, poster=profiling.poster, title="Profiling, the sequel"
    )  # Pia presents both: at 9:00 she is in Breakout room 1
    log_in(page, live_server, "olga@example.org")
    page.goto(live_server.url + "/admin/breakouts/scheduleitem/editor/")
    sequel = page.locator(".ed-waiting .ed-card", has_text="Profiling, the sequel")
    nine = page.locator("td.ed-free", has_text=f"Free 09:00–09:40 {zone_name(event)}").first
    twenty_past_ten = page.locator("td.ed-free", has_text=f"Free 10:20–11:00 {zone_name(event)}")

    sequel.drag_to(nine)

    expect(page.locator(".messagelist")).to_have_count(0)  # nothing was posted
    assert not ScheduleItem.objects.filter(breakout__title="Profiling, the sequel").exists()
    sequel.hover()
    page.mouse.down()
    nine.hover()
    expect(twenty_past_ten.first).to_have_class("ed-free ed-drop-ok")
    expect(nine).to_have_class("ed-free")
    page.mouse.up()
