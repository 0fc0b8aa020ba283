"""In a real browser: times in the visitor's zone on the first visit, a menu that fits, axe.

The HTML is the same for every visitor (it is cached and shared); static/js/times.js puts the
visitor's own time first, so a visitor in Tokyo reads Tokyo times on the very first load.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.browser.test_organizers_desk import log_in
from tests.browser.test_schedule_in_my_zone import ecosystem_day_programme
from tests.factories import (
    EventFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [320, 390, 768, 820, 992, 1024, 1280, 1366]
EXPANDED_FROM = 992  # Bootstrap's `lg`: the menu is a row from there, a button below it


def tokyo(browser, width=1280):
    return browser.new_context(timezone_id="Asia/Tokyo", viewport={"width": width, "height": 900})


def test_the_schedule_shows_tokyo_times_first_on_the_first_load(browser, live_server):
    breakout = ecosystem_day_programme()
    context = tokyo(browser)
    page = context.new_page()

    page.goto(live_server.url + "/schedule/")

    # Written once, in Tokyo's time, under a caption naming Tokyo's day and zone.
    expect(page.locator(f"#item-{breakout.pk} [data-clock]")).to_have_text("7:00 – 7:40 AM")
    expect(page.locator("#session-evening-apac-us [data-day-caption]")).to_have_text(
        "Thursday, April 22 · times in Asia/Tokyo (UTC+9)"
    )
    expect(page.locator("[data-visitor-zone]")).to_have_text("Asia/Tokyo")
    assert context.cookies() == []
    context.close()


def test_a_public_poster_page_shows_its_breakout_in_tokyo_time_on_the_first_load(
    browser, live_server
):
    breakout = ecosystem_day_programme()
    context = tokyo(browser, width=390)
    page = context.new_page()

    page.goto(live_server.url + f"/posters/{breakout.breakout.poster.pk}/")

    expect(page.locator('[data-moment] [data-times="visitor"]')).to_have_text(
        "Thu, Apr 22, 7:00 AM UTC+9 (Asia/Tokyo)"
    )
    expect(page.locator('[data-moment] [data-times="event"]')).to_have_text(
        "Wed, Apr 21, 3:00 PM PDT (America/Los_Angeles)"
    )
    context.close()


def test_a_zone_picked_in_the_picker_applies_at_once_and_on_the_next_page(browser, live_server):
    breakout = ecosystem_day_programme()
    context = tokyo(browser)
    page = context.new_page()
    page.goto(live_server.url + "/schedule/")
    expect(page.locator("#tz-choice")).to_have_value("Asia/Tokyo")

    page.get_by_label("Find your time zone").fill("berlin")
    expect(page.locator("#tz-choice")).to_have_value("Europe/Berlin")
    page.get_by_role("button", name="Show").click()

    visitor = page.locator(f"#item-{breakout.pk} [data-clock]")
    expect(visitor).to_have_text("Thu 12:00 – 12:40 AM")
    expect(page.locator("#session-evening-apac-us [data-day-caption]")).to_have_text(
        "Wednesday, April 21 – Thursday, April 22 · times in Europe/Berlin (UTC+2)"
    )
    assert page.url == live_server.url + "/schedule/"
    page.goto(live_server.url + f"/schedule/{breakout.pk}/")
    expect(page.locator('[data-times="visitor"]')).to_have_text(
        "Thu, Apr 22, 12:00 AM UTC+2 – 12:40 AM UTC+2"
    )
    context.close()


def test_the_picker_lists_the_detected_zone_first(browser, live_server):
    ecosystem_day_programme()
    context = tokyo(browser)
    page = context.new_page()

    page.goto(live_server.url + "/schedule/")

    first = page.locator("#tz-choice optgroup").first
    expect(first).to_have_attribute("label", "Detected by your browser")
    expect(first.locator("option")).to_have_text("Asia/Tokyo")
    context.close()


def test_without_javascript_tz_in_the_url_shows_the_zone_written_by_the_server(
    browser, live_server
):
    breakout = ecosystem_day_programme()
    context = browser.new_context(java_script_enabled=False, timezone_id="Europe/Paris")
    page = context.new_page()

    page.goto(live_server.url + "/schedule/?tz=Asia/Tokyo")

    expect(page.locator(f"#item-{breakout.pk} [data-clock]")).to_have_text("7:00 – 7:40 AM")
    expect(page.locator("#session-evening-apac-us [data-day-caption]")).to_have_text(
        "Thursday, April 22 · times in Asia/Tokyo (JST)"
    )
    context.close()


def menu_layout(page):
    """Whether the page scrolls sideways, the distinct middles of the visible menu items, and
    the pairs of neighbours in one row that overlap."""
    return page.evaluate(
        """() => {
            const shown = [...document.querySelectorAll(
                '.site-nav .nav-link, .site-nav .navbar-text, .navbar-brand')]
                .filter(n => n.offsetParent !== null && n.getBoundingClientRect().width > 1);
            const boxes = shown.map(n => [n.textContent.trim(), n.getBoundingClientRect()]);
            const middle = ([, r]) => Math.round(r.top + r.height / 2);
            const overlaps = boxes.flatMap(([a, r], i) => boxes.slice(i + 1)
                .filter(([, s]) => middle([, s]) === middle([, r]))
                .filter(([, s]) => s.left < r.right - 1 && r.left < s.right - 1)
                .map(([b]) => [a, b]));
            return {
                overflow: document.documentElement.scrollWidth - window.innerWidth,
                tops: [...new Set(boxes.map(middle))],
                overlaps,
            };
        }"""
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("who", ["anonymous", "organizer"])
def test_the_menu_fits_on_one_line_or_behind_its_button_at_every_width(
    browser, live_server, width, who
):
    event = EventFactory(name="PyTorch Ecosystem Day 2021")  # its call is open: one more item
    RegistrationSettingsFactory(event=event)  # and registration: "Register"
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    if who == "organizer":
        organizer = UserFactory(
            name="Olivia Organizer-Longname",
            email="olivia.organizer@example.org",
            groups=["Organizers"],
        )
        RegistrationFactory(event=event, user=organizer, email=organizer.email)
        log_in(page, live_server, "olivia.organizer@example.org")
    page.goto(live_server.url + "/schedule/")

    layout = menu_layout(page)
    assert (layout["overflow"], layout["overlaps"]) == (0, [])
    if width >= EXPANDED_FROM:
        assert len(layout["tops"]) == 1, layout  # brand, links and the account: one row
        expect(page.locator(".navbar-toggler")).to_be_hidden()
    else:
        toggler = page.locator(".navbar-toggler")
        expect(toggler).to_be_visible()
        toggler.click()
        expect(page.get_by_role("link", name="Speakers")).to_be_visible()
        opened = menu_layout(page)
        assert (opened["overflow"], opened["overlaps"]) == (0, [])
    context.close()


def test_the_current_page_is_marked_in_the_menu_and_a_skip_link_leads_to_the_content(
    browser, live_server
):
    EventFactory()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/speakers/")

    expect(page.locator('.site-nav [aria-current="page"]')).to_have_text("Speakers")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    context.close()


def test_a_focused_menu_link_has_a_visible_outline(browser, live_server):
    EventFactory()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the site's name
    page.keyboard.press("Tab")  # Schedule
    schedule = page.locator("#site-menu").get_by_role("link", name="Schedule", exact=True)
    expect(schedule).to_be_focused()
    outline = schedule.evaluate(
        "n => { const s = getComputedStyle(n); "
        "return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    assert outline == ["solid", "3px", "rgb(255, 255, 255)"]
    context.close()


def test_the_browsers_own_favicon_request_is_answered(browser, live_server):
    EventFactory()
    context = browser.new_context()
    page = context.new_page()

    response = page.request.get(live_server.url + "/favicon.ico")

    assert (response.status, response.headers["content-type"]) == (200, "image/x-icon")
    page.goto(live_server.url + "/")
    icon = page.locator('link[rel="icon"][type="image/svg+xml"]').get_attribute("href")
    assert page.request.get(live_server.url + icon).status == 200
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["/", "/schedule/"])
def test_the_home_page_and_the_schedule_pass_axe(browser, live_server, width, path):
    ecosystem_day_programme()
    context = tokyo(browser, width=width)
    page = context.new_page()
    page.goto(live_server.url + path)
    expect(page.locator("[data-zone='Asia/Tokyo']").first).to_be_attached()

    assert axe_violations(page) == []
    context.close()


def test_the_pickers_help_names_the_zone_the_times_are_shown_in(browser, live_server):
    ecosystem_day_programme()
    context = tokyo(browser)
    page = context.new_page()

    page.goto(live_server.url + "/schedule/")

    expect(page.locator("#tz-help")).to_have_text(
        "Times are in Asia/Tokyo, your zone; the event's zone is America/Los_Angeles (PDT)."
    )
    context.close()
