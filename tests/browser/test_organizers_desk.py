"""In a real browser: an organizer decides from the queue; the admin's forms pass axe-core."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from post_office.models import Email

from posters.models import PosterProposal
from tests.browser.axe import axe_violations
from tests.factories import PASSWORD, PosterProposalFactory, UserFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def log_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_organizer_logs_in_opens_what_awaits_a_decision_and_wait_lists_a_poster(
    page, live_server, event
):
    UserFactory(name="Olivia Organizer", email="olivia@example.org", groups=["Organizers"])
    presenter = UserFactory(name="Priya Poster", email="priya@example.org")
    waiting = PosterProposalFactory(event=event, submitter=presenter, title="TorchTrace")
    PosterProposalFactory(event=event, title="Already accepted", status="accepted")

    log_in(page, live_server, "olivia@example.org")
    expect(page).to_have_url(live_server.url + "/admin/")
    page.get_by_role("link", name="1 Posters awaiting a decision").click()

    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".status-badge")).to_have_text("Submitted")
    rows.first.get_by_role("link", name="TorchTrace").click()

    panel = page.locator(".decision-panel")
    expect(panel).to_be_visible()
    panel.get_by_label("Wait-list").check()
    panel.get_by_label("Note for the submitter").fill("We will know by April 1.")
    panel.get_by_role("button", name="Record decision and email the submitter").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "“TorchTrace” is now wait-listed; the submitter is being emailed."
    )
    expect(page.locator(".decision-panel .status-badge")).to_have_text("Wait-listed")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "decide_from_the_queue.png"), full_page=True)
    waiting.refresh_from_db()
    assert waiting.status == PosterProposal.Status.WAITLISTED
    assert list(Email.objects.values_list("subject", "to")) == [
        ("Your poster is on the waiting list: TorchTrace", ["priya@example.org"])
    ]
    assert waiting.status_changes.get().note == "We will know by April 1."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path",
    ["/admin/breakouts/scheduleitem/add/", "/admin/", "/admin/dashboard/", "proposal"],
    ids=["schedule-item-form", "index", "dashboard", "proposal-page"],
)
def test_the_organizers_pages_have_no_critical_accessibility_violation(
    page, live_server, event, path
):
    UserFactory(name="Olivia Organizer", email="olivia@example.org", groups=["Organizers"])
    proposal = PosterProposalFactory(event=event, title="TorchTrace")
    if path == "proposal":
        path = f"/admin/posters/posterproposal/{proposal.pk}/change/"

    log_in(page, live_server, "olivia@example.org")
    page.goto(live_server.url + path)

    violations = axe_violations(page)
    assert [v for v in violations if v[0] == "critical"] == []
    assert [v for v in violations if v[1] == "label"] == []
