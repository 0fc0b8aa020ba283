"""In a real browser: a presenter of an accepted poster logs in and proposes a breakout."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from post_office.models import Email

from sessions.models import BreakoutProposal
from tests.factories import PASSWORD, AcceptedPosterFactory, EventFactory, TrackFactory, UserFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TITLE = "Live-tracing PyTorch models with TorchTrace"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_presenter_logs_in_proposes_a_breakout_and_sees_it_submitted(page, live_server):
    event = EventFactory(breakout_deadline=timezone.now() + timedelta(days=3))
    TrackFactory(event=event, name="Morning (EMEA)", slug="morning", position=1)
    TrackFactory(event=event, name="Evening (APAC / US)", slug="evening", position=2)
    presenter = UserFactory(name="Priya Poster", email="priya@example.org")
    AcceptedPosterFactory(event=event, submitter=presenter, title="TorchTrace")

    page.goto(live_server.url + "/breakouts/propose/")
    expect(page).to_have_url(live_server.url + "/accounts/login/?next=/breakouts/propose/")
    page.fill("input[name=username]", "priya@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name=f"Propose a breakout for {event.name}")).to_be_visible()
    expect(page.locator("main")).to_contain_text("40-minute")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=description]", "We trace three real models live and take questions.")
    page.get_by_label("Tutorial").check()
    page.select_option("select[name=preferred_track]", label="Evening (APAC / US)")
    page.get_by_role("button", name="Propose breakout").click()

    breakout = BreakoutProposal.objects.get()
    expect(page).to_have_url(live_server.url + f"/me/breakouts/{breakout.pk}/")
    expect(page.get_by_role("status").first).to_contain_text(f"your breakout “{TITLE}” is proposed")

    page.goto(live_server.url + "/me/")
    item = page.locator(".breakout-item", has_text=TITLE)
    expect(item).to_have_count(1)
    expect(item.locator(".status-badge")).to_have_text("Submitted")
    expect(item).to_contain_text("Tutorial")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "propose_breakout_flow.png"), full_page=True)
    assert (breakout.format, breakout.preferred_track.name) == ("tutorial", "Evening (APAC / US)")
    assert list(Email.objects.values_list("subject", "to")) == [
        (f"We received your breakout proposal: {TITLE}", ["priya@example.org"])
    ]
