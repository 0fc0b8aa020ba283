"""In a real browser: the call for posters and the breakout settings are edited on their
edition's admin page, at desktop, tablet and phone widths, in Tokyo and in Los Angeles."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from posters.call import CallForPosters
from tests.browser.axe import axe_violations
from tests.browser.test_accessibility import signed_in_cookie
from tests.factories import UserFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WIDTHS = (1366, 768, 390)
ZONES = ("Asia/Tokyo", "America/Los_Angeles")
SETTINGS_GROUPS = "[['#call_for_posters-group'], ['#breakout_settings-group']]"


def violations_in_the_settings(page):
    """What axe-core finds in the call's and the breakout settings' part of the page (the
    topics' table is Django's tabular inline, outside this spec)."""
    axe_violations(page)  # loads axe-core into the page
    found = page.evaluate(f"async () => (await axe.run({{include: {SETTINGS_GROUPS}}})).violations")
    return [(v["impact"], v["id"], node["html"][:80]) for v in found for node in v["nodes"]]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_editions_page_shows_its_call_and_breakout_settings_and_axe_finds_nothing_there(
    browser, live_server, event
):
    organizer = UserFactory(email="olivia@example.org", groups=["Organizers"])
    url = f"{live_server.url}/admin/ecosystem_day/event/{event.pk}/change/"
    ARTIFACTS.mkdir(exist_ok=True)
    found, headings = {}, set()
    for zone in ZONES:
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 900}, timezone_id=zone
            )
            context.add_cookies([signed_in_cookie(organizer, live_server)])
            page = context.new_page()
            page.goto(url)
            headings.add(tuple(page.locator(".inline-group h2").all_inner_texts()))
            found[(zone, width)] = violations_in_the_settings(page)
            name = f"edition_settings_{width}_{zone.replace('/', '_')}.png"
            page.screenshot(path=str(ARTIFACTS / name), full_page=True)
            context.close()

    assert headings == {("CALL FOR POSTERS", "BREAKOUT SETTINGS", "TOPICS")}
    assert found == {(zone, width): [] for zone in ZONES for width in WIDTHS}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_organizer_moves_the_calls_deadline_on_the_editions_page(browser, live_server, event):
    """Times on the page are the event's (Los Angeles), whatever the organizer's own zone."""
    organizer = UserFactory(email="olivia@example.org", groups=["Organizers"])
    context = browser.new_context(viewport={"width": 1366, "height": 900}, timezone_id="Asia/Tokyo")
    context.add_cookies([signed_in_cookie(organizer, live_server)])
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/ecosystem_day/event/{event.pk}/change/")

    page.fill("input[name='call_for_posters-0-deadline_0']", "2031-03-13")
    page.fill("input[name='call_for_posters-0-deadline_1']", "23:59:59")
    page.locator("input[name='_save']").click()
    page.wait_for_url(f"{live_server.url}/admin/ecosystem_day/event/")
    context.close()

    assert CallForPosters.objects.get(event=event).deadline == datetime(
        2031, 3, 13, 23, 59, 59, tzinfo=ZoneInfo("America/Los_Angeles")
    )
