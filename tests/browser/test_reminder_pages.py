"""The reminders' switch in a browser: on My agenda and My registration, for a registrant in
Tokyo and in Los Angeles, at laptop, tablet and phone widths, it reads whole, passes axe, and
turns the reminders before starred items on and off; the announcement's confirmation page in
the admin passes axe too."""

import os

import pytest
from playwright.sync_api import expect

from ecosystem_day.registration.announcements import Announcement
from ecosystem_day.registration.models import Registration
from tests.browser.axe import axe_violations
from tests.factories import PASSWORD, RegistrationFactory, RegistrationSettingsFactory, UserFactory
from tests.sessions.agenda_world import released_day

SIZES = [(1366, 900), (768, 1024), (390, 844)]
ZONES = ["Asia/Tokyo", "America/Los_Angeles"]
SHOTS = os.environ.get("REMINDER_SCREENSHOTS")  # a folder to keep the screenshots in


def log_in(page, base, email, next_path):
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(base + next_path)


def overflowing(page):
    """Elements wider than the page: what a phone would scroll sideways to read."""
    return page.evaluate(
        "() => [...document.querySelectorAll('#reminders *')]"
        ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
        ".map(e => e.outerHTML.slice(0, 80))"
    )


@pytest.fixture
def registrant(db):
    day = released_day(UserFactory(groups=["Organizers"]))
    RegistrationSettingsFactory(event=day["event"])
    attendee = UserFactory(email="ada@example.org")
    registration = RegistrationFactory(
        event=day["event"], user=attendee, email=attendee.email, tracks=[day["morning"]]
    )
    return day, attendee, registration


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("zone", ZONES)
def test_the_switch_reads_whole_passes_axe_and_turns_reminders_on_and_off(
    browser, live_server, registrant, zone
):
    _, attendee, registration = registrant
    Registration.objects.filter(pk=registration.pk).update(time_zone=zone)
    context = browser.new_context(timezone_id=zone)
    page = context.new_page()
    log_in(page, live_server.url, attendee.email, "/schedule/mine/")

    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for path in ("/schedule/mine/", "/me/registration/"):
            page.goto(live_server.url + path + "#reminders")
            section = page.locator("#reminders")
            expect(section).to_contain_text(f"in your time zone ({zone})")
            expect(section).to_contain_text("10 minutes before each item you starred")
            assert overflowing(page) == [], (path, width)
            assert axe_violations(page) == [], (path, width)
            if SHOTS:
                name = f"{path.strip('/').replace('/', '-')}-{zone.replace('/', '-')}-{width}"
                page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)

    page.goto(live_server.url + "/schedule/mine/")
    page.get_by_role("button", name="Email me before my starred items").click()
    expect(page).to_have_url(live_server.url + "/schedule/mine/#reminders")
    expect(page.locator("[data-item-reminders=on]")).to_be_visible()
    registration.refresh_from_db()
    assert registration.remind_before_items is True

    page.get_by_role("button", name="Stop the reminders before my starred items").click()
    expect(page.locator("[data-item-reminders=off]")).to_be_visible()
    registration.refresh_from_db()
    assert registration.remind_before_items is False
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_announcements_confirmation_page_passes_axe(page, live_server, registrant):
    day, _, _ = registrant
    organizer = UserFactory(email="olivia@example.org", groups=["Organizers"])
    announcement = Announcement.objects.create(
        event=day["event"], subject="Room change", text="<b>The keynote</b> is in room 2."
    )
    path = f"/admin/registration/announcement/{announcement.pk}/send/"
    log_in(page, live_server.url, organizer.email, "/admin/")

    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(live_server.url + path)
        expect(page.get_by_role("button", name="Send to 1 registrant(s)")).to_be_visible()
        expect(page.get_by_text("<b>The keynote</b> is in room 2.")).to_be_visible()
        assert axe_violations(page) == [], width
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, f"announcement-send-{width}.png"))

    page.get_by_role("button", name="Send to 1 registrant(s)").click()
    expect(page.get_by_text("is queued for 1 registrant(s)")).to_be_visible()
    expect(page.locator(".field-progress")).to_contain_text("0 sent · 1 waiting · 0 failed, of 1")
    assert axe_violations(page) == []
