"""In a real browser: a submitter proposes a poster with a co-author's email, the co-author
joins by the emailed link and edits it, the submitter removes them; every page changed
(the poster form, the invitation, the poster's page, the admin's authors) passes axe-core
at a laptop's, a tablet's and a phone's width, in Tokyo and in Los Angeles; and the rows,
plain form fields, work on a phone with JavaScript off."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from post_office.models import Email

from posters.models import CoPresenter, PosterProposal
from tests.browser.axe import axe_violations
from tests.browser.test_accessibility import signed_in_cookie
from tests.factories import EventFactory, TopicFactory, UserFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SUMMARY = (
    "TorchStream loads terabyte-scale datasets from object storage straight into PyTorch "
    "training loops, with deterministic shuffling and resumable iterators."
)


def signed_in(browser, live_server, user, *, zone, width, javascript=True):
    context = browser.new_context(
        timezone_id=zone,
        viewport={"width": width, "height": 900},
        java_script_enabled=javascript,
    )
    context.add_cookies([signed_in_cookie(user, live_server)])
    return context.new_page()


def looked_at(page, name):
    """A full-page screenshot to read, and axe-core's findings (none expected)."""
    page.screenshot(path=str(ARTIFACTS / f"copresenters-{name}.png"), full_page=True)
    return axe_violations(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1366, 768, 390])
@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles"])
def test_a_co_presenter_is_invited_joins_edits_and_is_removed(browser, live_server, width, zone):
    event = EventFactory()
    TopicFactory(event=event, name="Distributed training")
    sam = UserFactory(name="Sam Submitter", email="sam@example.org")
    grace = UserFactory(
        name="Grace Hopper", email="grace@example.org", email_verified_at=timezone.now()
    )
    organizer = UserFactory(email="olivia@example.org", groups=["Organizers"])
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"{width}-{zone.replace('/', '-')}"

    page = signed_in(browser, live_server, sam, zone=zone, width=width)
    page.goto(live_server.url + "/posters/submit/")
    page.get_by_label("Title").fill("TorchStream")
    page.get_by_label("Summary").fill(SUMMARY)
    page.get_by_label("Author 1: name").fill("Sam Submitter")
    page.get_by_label("Author 2: name").fill("Grace Hopper")
    page.get_by_label("Author 2: email").fill("grace@example.org")
    page.get_by_label("Topic").select_option(label="Distributed training")
    assert looked_at(page, f"submit-{name}") == []
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.get_by_role("heading", name="Thank you, your proposal is in")).to_be_visible()
    poster = PosterProposal.objects.get()
    assert poster.authors == "Sam Submitter\nGrace Hopper"

    [invitation] = Email.objects.filter(to=["grace@example.org"])
    link = re.search(r"https?://\S+/posters/join/\S+/", invitation.message).group()
    guest = signed_in(browser, live_server, grace, zone=zone, width=width)
    guest.goto(live_server.url + urlsplit(link).path)
    assert looked_at(guest, f"join-{name}") == []
    guest.get_by_role("button", name="Join as a co-presenter").click()
    expect(guest.locator(".alert-success")).to_contain_text("You now present “TorchStream”")
    guest.goto(live_server.url + poster.get_edit_url())
    expect(guest.get_by_label("Author 2: email")).to_have_attribute("readonly", "")
    assert looked_at(guest, f"edit-as-copresenter-{name}") == []
    guest.get_by_label("Title").fill("TorchStream: streaming loaders")
    guest.get_by_role("button", name="Save changes").click()
    expect(guest.locator("h1")).to_have_text("TorchStream: streaming loaders")

    page.goto(live_server.url + poster.get_absolute_url())
    expect(page.locator(".copresenter")).to_contain_text("Grace Hopper")
    assert looked_at(page, f"detail-{name}") == []
    page.get_by_role("button", name="Remove Grace Hopper").click()
    expect(page.locator(".alert-success")).to_contain_text("Grace Hopper no longer co-presents")
    assert CoPresenter.objects.exists() is False
    response = guest.goto(live_server.url + poster.get_absolute_url())
    assert response.status == 404

    desk = signed_in(browser, live_server, organizer, zone=zone, width=width)
    desk.goto(live_server.url + f"/admin/posters/posterproposal/{poster.pk}/change/")
    expect(desk.locator("textarea[name=authors]")).to_have_value("Sam Submitter\nGrace Hopper")
    assert looked_at(desk, f"admin-{name}") == []
    for context in {page.context, guest.context, desk.context}:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_author_rows_work_on_a_phone_without_javascript(browser, live_server):
    event = EventFactory()
    TopicFactory(event=event, name="Distributed training")
    sam = UserFactory(name="Sam Submitter", email="sam@example.org")
    page = signed_in(browser, live_server, sam, zone="Asia/Tokyo", width=390, javascript=False)

    page.goto(live_server.url + "/posters/submit/")
    page.get_by_label("Title").fill("TorchStream")
    page.get_by_label("Summary").fill(SUMMARY)
    page.get_by_label("Author 1: name").fill("Grace Hopper")
    page.get_by_label("Author 1: email").fill("grace@example.org")
    page.get_by_label("Author 3: name").fill("Sam Submitter")
    page.get_by_label("Topic").select_option(label="Distributed training")
    page.get_by_role("button", name="Submit proposal").click()

    expect(page.get_by_role("heading", name="Thank you, your proposal is in")).to_be_visible()
    poster = PosterProposal.objects.get()
    assert poster.authors == "Grace Hopper\nSam Submitter"
    assert list(CoPresenter.objects.values_list("name", "email")) == [
        ("Grace Hopper", "grace@example.org")
    ]
    page.goto(live_server.url + poster.get_edit_url())
    expect(page.get_by_label("Author 2: name")).to_have_value("Sam Submitter")
    expect(page.get_by_label("Author 4: name")).to_have_value("")  # two rows to spare
    page.screenshot(path=str(ARTIFACTS / "copresenters-edit-no-javascript-390.png"), full_page=True)
    page.context.close()
