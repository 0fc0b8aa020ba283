"""In a real browser, counting clicks: someone who both reviews and organizes reviews ten
posters and decides them in 30 clicks or fewer; the desk's pages pass axe-core with no
violation at desktop, tablet and phone widths, read from Tokyo and from Los Angeles."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from post_office.models import Email

from posters.models import PosterProposal, Review
from tests.browser.axe import axe_violations
from tests.factories import (
    PASSWORD,
    PosterProposalFactory,
    ReviewFactory,
    RoomFactory,
    TrackFactory,
    UserFactory,
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "desk"
MOST_CLICKS = 30
WIDTHS = {"desktop": (1366, 900), "tablet": (768, 1024), "phone": (390, 844)}
ZONES = ("Asia/Tokyo", "America/Los_Angeles")


class Clicks:
    """Every click of the task goes through here, so the spec knows how many it took."""

    def __init__(self):
        self.count = 0

    def click(self, locator, **options):
        self.count += 1
        locator.click(**options)


def log_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_server.url + "/admin/")


def ten_posters(event):
    """Ten posters awaiting a decision, each with one review already: seven strong, three
    weak (the strong ones newest, at the top of the queue)."""
    posters = []
    for n in range(10):
        strong = n < 7
        poster = PosterProposalFactory(
            event=event, title=f"{'Strong' if strong else 'Weak'} poster {n + 1}"
        )
        ReviewFactory(proposal=poster, score=4 if strong else 2)
        posters.append(poster)
    return posters


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reviewer_who_organizes_reviews_and_decides_ten_posters_in_30_clicks_or_fewer(
    page, live_server, event
):
    me = UserFactory(name="Rosa", email="rosa@example.org", groups=["Reviewers", "Organizers"])
    ten_posters(event)
    log_in(page, live_server, "rosa@example.org")
    clicks = Clicks()

    clicks.click(page.get_by_role("link", name="10 Posters you have not reviewed"))
    clicks.click(page.locator("#result_list tbody tr").first.get_by_role("link"))
    for _ in range(10):
        title = page.locator("h1").inner_text()
        comment = page.get_by_label("Comment")
        expect(comment).to_be_focused()  # the cursor waits in the comment
        page.keyboard.type(f"Read and scored: {title}.")
        score = "5 excellent" if title.startswith("Strong") else "1 weak"
        clicks.click(page.locator(".review-choices").get_by_text(score))
        clicks.click(page.get_by_role("button", name="Save and next"))

    expect(page.locator(".messagelist")).to_contain_text("highest mean score first")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(10)
    clicks.click(rows.nth(0).locator("input.action-select"))
    clicks.click(rows.nth(6).locator("input.action-select"), modifiers=["Shift"])
    clicks.click(page.get_by_role("button", name="Accept…"))
    expect(page.locator("h1")).to_have_text("Accept 7 poster proposals?")
    clicks.click(page.get_by_role("button", name="Accept 7 poster proposals and email"))
    expect(rows).to_have_count(3)
    clicks.click(page.locator("#action-toggle"))
    clicks.click(page.get_by_role("button", name="Reject…"))
    clicks.click(page.get_by_role("button", name="Reject 3 poster proposals and email"))
    expect(page.locator(".messagelist")).to_contain_text("3 proposal(s) now not accepted")

    print(f"\nreview and decide 10 posters: {clicks.count} clicks")
    assert clicks.count <= MOST_CLICKS, f"{clicks.count} clicks, more than {MOST_CLICKS}"
    assert Review.objects.filter(reviewer=me).count() == 10
    statuses = dict(PosterProposal.objects.values_list("title", "status"))
    assert sorted(statuses.items()) == sorted(
        (f"{'Strong' if n < 7 else 'Weak'} poster {n + 1}", "accepted" if n < 7 else "rejected")
        for n in range(10)
    )
    assert Email.objects.filter(subject__startswith="Your poster was accepted").count() == 7
    assert Email.objects.filter(subject__startswith="Your poster was not accepted").count() == 3


def desk_pages(event, live_server):
    """The admin pages the desk changed, with what to do to reach each."""
    base = live_server.url + "/admin/"
    posters = ten_posters(event)
    return {
        "queue": (base + "posters/posterproposal/", None),
        "proposal": (base + f"posters/posterproposal/{posters[0].pk}/change/", None),
        "confirm-bulk": (base + "posters/posterproposal/", "confirm"),
        "reviews": (base + "posters/review/", None),
        "breakouts": (base + "breakouts/breakoutproposal/", None),
        "schedule-item": (base + "breakouts/scheduleitem/add/", None),
        "rooms": (base + "breakouts/room/", None),
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("zone", ZONES)
def test_the_desks_pages_pass_axe_at_every_width_in_any_zone(browser, live_server, event, zone):
    UserFactory(name="Rosa", email="rosa@example.org", groups=["Reviewers", "Organizers"])
    TrackFactory(event=event, name="Morning (EMEA)")
    RoomFactory(event=event, name="Main stage")
    pages = desk_pages(event, live_server)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found = {}

    for width, (w, h) in WIDTHS.items():
        context = browser.new_context(viewport={"width": w, "height": h}, timezone_id=zone)
        page = context.new_page()
        log_in(page, live_server, "rosa@example.org")
        for name, (url, then) in pages.items():
            page.goto(url)
            if then == "confirm":
                page.locator("#action-toggle").check()
                page.get_by_role("button", name="Accept…").click()
                expect(page.locator("h1")).to_have_text("Accept 10 poster proposals?")
            found[(width, name)] = axe_violations(page)
            city = zone.split("/")[1].lower()
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}-{city}.png"), full_page=True)
        context.close()

    for key, violations in found.items():
        if violations:
            print(key, violations)
    assert {key: violations for key, violations in found.items() if violations} == {}
