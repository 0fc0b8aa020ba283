"""In a real browser: sign up, propose a poster, and find it on "My proposals"."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from post_office.models import Email

from tests.factories import EventFactory, TopicFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TITLE = "TorchStream: streaming data loaders for PyTorch research"
SUMMARY = (
    "TorchStream loads terabyte-scale datasets from object storage straight into PyTorch "
    "training loops, with deterministic shuffling and resumable iterators, so researchers "
    "can restart a run exactly where it stopped. The poster shows its design and benchmarks."
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_new_user_signs_up_proposes_a_poster_and_sees_it_submitted(page, live_server):
    assert len(SUMMARY) >= 200
    event = EventFactory()
    TopicFactory(event=event, name="Distributed training")
    TopicFactory(event=event, name="Researcher productivity tools")

    page.goto(live_server.url + "/accounts/signup/")
    page.fill("input[name=name]", "Priya Poster")
    page.fill("input[name=email]", "priya@example.org")
    page.fill("input[name=password1]", "a-long-browser-password-42")
    page.fill("input[name=password2]", "a-long-browser-password-42")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(live_server.url + "/me/")

    page.goto(live_server.url + "/posters/submit/")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=summary]", SUMMARY)
    page.get_by_label("Author 1: name").fill("Priya Poster")
    page.get_by_label("Author 2: name").fill("Jonas Berg")
    page.select_option("select[name=topic]", label="Researcher productivity tools")
    page.fill("input[name=link]", "https://github.com/example/torchstream")
    page.get_by_role("button", name="Submit proposal").click()

    expect(page.get_by_role("heading", name="Thank you, your proposal is in")).to_be_visible()
    expect(page.locator("p.lead")).to_contain_text(TITLE)

    page.goto(live_server.url + "/me/")
    item = page.locator(".list-group-item", has_text=TITLE)
    expect(item).to_have_count(1)
    expect(item.locator(".status-badge")).to_have_text("Submitted")
    expect(item).to_contain_text("Researcher productivity tools")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "submit_poster_flow.png"), full_page=True)
    assert list(Email.objects.order_by("pk").values_list("subject", "to")) == [
        ("Verify your email address for 127.0.0.1:8000", ["priya@example.org"]),
        (f"We received your poster proposal: {TITLE}", ["priya@example.org"]),
    ]
