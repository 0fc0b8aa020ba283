"""In a real browser: a presenter's page lists the poster's status changes and its edits (the
claim, their own edits) in one history, readable and clean for axe-core at every width."""

from pathlib import Path

import pytest

from posters import services
from tests.browser.axe import axe_violations
from tests.browser.test_accessibility import signed_in_cookie
from tests.factories import AcceptedPosterFactory, EventFactory, TopicFactory, UserFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
VIEWPORTS = {1366: 900, 768: 1000, 390: 844}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_poster_page_shows_the_claim_in_its_history_and_passes_axe(browser, live_server):
    event = EventFactory(slug="next")
    topic = TopicFactory(event=event, name="NLP")
    presenter = UserFactory(name="Priya Poster", email="priya@example.org")
    poster = AcceptedPosterFactory(
        event=event, topic=topic, submitter=None, title="TorchTrace", claim_token="tok" * 8
    )
    services.claim_poster(poster, by=presenter, token="tok" * 8)
    cookie = signed_in_cookie(presenter, live_server)
    found, histories = {}, set()

    for zone in ("Asia/Tokyo", "America/Los_Angeles"):
        for width, height in VIEWPORTS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, timezone_id=zone
            )
            context.add_cookies([cookie])
            page = context.new_page()
            page.goto(f"{live_server.url}/me/posters/{poster.pk}/")
            histories.add(page.locator("h2:has-text('History') + ul").inner_text().strip())
            violations = axe_violations(page)
            if page.evaluate("document.documentElement.scrollWidth > innerWidth"):
                violations.append(("layout", "horizontal-scroll", "wider than the screen"))
            if violations:
                found[(zone, width)] = violations
            ARTIFACTS.mkdir(exist_ok=True)
            name = f"poster-history-{zone.split('/')[1].lower()}-{width}.png"
            page.screenshot(path=ARTIFACTS / name, full_page=True)
            context.close()

    assert found == {}
    claim = ": Presenter: Claimed by Priya Poster with the invitation link."
    assert len(histories) == 2  # one per time zone: the time is each reader's
    assert all(history.endswith(claim) for history in histories), histories
