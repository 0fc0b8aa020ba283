"""The schedule grid in a browser: it fits a phone and a tablet, the session switcher jumps,
the format filter works without a page load, and axe finds nothing to fix."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.sessions.helpers import at, ecosystem_day_2021, the_2021_day

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def day(db):
    return the_2021_day(ecosystem_day_2021())


def open_schedule(browser, live_server, width, height=844, zone=None, path="/schedule/"):
    context = browser.new_context(viewport={"width": width, "height": height}, timezone_id=zone)
    page = context.new_page()
    page.goto(live_server.url + path)
    return page


# Every element of a shown block whose box reaches outside the block's (the visually hidden
# room name excepted: it is a 1-pixel box by design).
OVERFLOWING = """() => [...document.querySelectorAll("[data-item]")]
  .filter(block => !block.hidden && block.getBoundingClientRect().height > 0)
  .flatMap(block => {
    const outer = block.getBoundingClientRect();
    return [...block.querySelectorAll("*")].filter(node => {
      const inner = node.getBoundingClientRect();
      if ((inner.width === 0 && inner.height === 0) || node.classList.contains("block-room")) {
        return false;
      }
      return inner.left < outer.left - 0.5 || inner.right > outer.right + 0.5
        || inner.top < outer.top - 0.5 || inner.bottom > outer.bottom + 0.5;
    }).map(node => block.id + " " + node.tagName + "." + node.className);
  })"""


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "Europe/Berlin", "America/Los_Angeles"])
@pytest.mark.parametrize("width", [390, 768, 1366])
def test_nothing_overflows_its_block(browser, live_server, day, width, zone):
    page = open_schedule(browser, live_server, width, 900, zone)
    expect(page.locator(f"[data-zone='{zone}']").first).to_be_attached()

    assert page.evaluate(OVERFLOWING) == []
    page.context.close()


def height(page, item):
    """A block's height with its 1-pixel margins: the rows it spans."""
    return page.locator(f"#item-{item.pk}").bounding_box()["height"] + 2


def test_a_blocks_height_follows_its_duration(browser, live_server, day):
    page = open_schedule(browser, live_server, 1366, 900, "Asia/Tokyo")

    opening = height(page, day["morning-emea-opening"])  # 60 minutes
    breakout = height(page, day["breakouts"][0])  # 40 minutes
    posters = height(page, day["morning-emea-posters"])  # 3 hours

    assert round(opening / breakout, 3) == 1.5
    assert round(posters / breakout, 3) == 4.5
    page.context.close()


def test_on_the_day_a_line_marks_the_current_time_across_the_grid(browser, live_server, day):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.clock.set_fixed_time(at(15, 50))  # 5 minutes into the evening's second round
    page.goto(live_server.url + "/schedule/")

    line = page.locator("#session-evening-apac-us [data-now-line]")
    expect(line).to_be_visible()
    round_starts = page.locator(f"#item-{day['breakouts'][12].pk}").bounding_box()["y"] - 1
    assert round(line.bounding_box()["y"] - round_starts) == round(
        height(page, day["breakouts"][12]) / 8
    )
    expect(page.locator("#session-morning-emea [data-now-line]")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("width", [390, 768])
def test_the_grid_page_never_scrolls_sideways(browser, live_server, day, width):
    page = open_schedule(browser, live_server, width)

    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.context.close()


def test_on_a_phone_the_switcher_jumps_to_the_evening_session_and_stays_in_view(
    browser, live_server, day
):
    page = open_schedule(browser, live_server, 390)

    page.locator("[data-switcher]").get_by_role("link", name="Evening (APAC / US)").click()

    heading = page.get_by_role("heading", name="Evening (APAC / US)", exact=True)
    expect(heading).to_be_in_viewport()
    assert page.evaluate("scrollY") > 1000
    switcher = page.locator("[data-switcher]").bounding_box()
    assert switcher["y"] == 0  # sticky at the top, ready for the next jump
    assert heading.bounding_box()["y"] >= switcher["height"]  # not hidden under it
    page.context.close()


def test_the_format_filter_hides_other_breakouts_without_a_page_load(browser, live_server, day):
    page = open_schedule(browser, live_server, 1280, 900)
    page.evaluate("window.loadedOnce = true")
    demo = next(item for item in day["breakouts"] if item.breakout.format == "demo")
    talk = next(item for item in day["breakouts"] if item.breakout.format == "talk")

    page.get_by_label("Breakout format").select_option("demo")

    expect(page.locator(f"#item-{talk.pk}")).to_be_hidden()
    expect(page.locator(f"#item-{demo.pk}")).to_be_visible()
    expect(page.locator(f"#item-{day['morning-emea-opening'].pk}")).to_be_visible()
    expect(page.locator("[data-filter-count]")).to_have_text(
        "4 of 16 breakouts shown; programme blocks always shown."
    )
    assert page.evaluate("window.loadedOnce") is True
    assert page.url.endswith("/schedule/?format=demo")
    page.context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_schedule_has_no_accessibility_violations(browser, live_server, day, width, height):
    page = open_schedule(browser, live_server, width, height)

    found = axe_violations(page)

    # The zone picker's "Show" button is helper A's (issue 8a replaces the picker and fixes
    # its contrast); drop this exception when that lands.
    assert [v for v in found if v[2] != PICKER_BUTTON] == []
    page.context.close()


PICKER_BUTTON = '<button type="submit" class="btn btn-outline-secondary">Show</button>'
