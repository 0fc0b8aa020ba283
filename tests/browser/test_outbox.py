"""In a real browser: the outbox list and a message pass axe-core at a laptop's, a tablet's
and a phone's width, and a failed message is resent with its button."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from post_office.models import STATUS, Email

from posters.services import change_poster_status
from tests.browser.axe import axe_violations
from tests.factories import PASSWORD, PosterProposalFactory, UserFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def log_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_server.url + "/admin/")


def some_mail(event, organizer):
    """A sent acceptance, a failed password reset and one waiting: what an outbox holds."""
    poster = PosterProposalFactory(event=event, title="TorchTrace")
    change_poster_status(poster, "accepted", by=organizer)
    Email.objects.update(status=STATUS.sent)
    failed = Email.objects.create(
        from_email="noreply@example.org",
        to=["sam@example.org"],
        subject="Reset your password for ecosystem.example.org",
        message="Choose a new password here:\n\n"
        "http://127.0.0.1:8000/accounts/password-reset/MQ/secret-token/\n",
        status=STATUS.failed,
        number_of_retries=5,
    )
    Email.objects.create(
        from_email="noreply@example.org",
        to=["ada@example.org"],
        subject="Verify your email address",
        message="Hello.",
        status=STATUS.queued,
    )
    return failed


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1366, 768, 390])
@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles"])
def test_the_outbox_list_and_a_message_have_no_accessibility_violation(
    browser, live_server, event, width, zone
):
    organizer = UserFactory(email="olivia@example.org", groups=["Organizers"])
    failed = some_mail(event, organizer)
    context = browser.new_context(timezone_id=zone, viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, "olivia@example.org")
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"{width}-{zone.replace('/', '-')}"

    page.goto(live_server.url + "/admin/post_office/email/")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    page.screenshot(path=str(ARTIFACTS / f"outbox-list-{name}.png"), full_page=True)
    assert axe_violations(page) == []

    page.goto(live_server.url + f"/admin/post_office/email/{failed.pk}/change/")
    expect(page.locator("pre.email-body")).to_contain_text(
        "[link hidden: it acts for the recipient]"
    )
    expect(page.locator("body")).not_to_contain_text("secret-token")
    page.screenshot(path=str(ARTIFACTS / f"outbox-message-{name}.png"), full_page=True)
    assert axe_violations(page) == []
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_organizer_finds_a_failed_message_and_resends_it(page, live_server, event):
    organizer = UserFactory(email="olivia@example.org", groups=["Organizers"])
    failed = some_mail(event, organizer)
    log_in(page, live_server, "olivia@example.org")

    page.goto(live_server.url + "/admin/post_office/email/")
    page.get_by_role("link", name="Failed", exact=True).click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    rows.first.get_by_role("link", name="sam@example.org").click()
    page.get_by_role("button", name="Resend this email").click()

    expect(page.locator(".messagelist")).to_have_text(
        "1 email is queued again; the mail worker sends it within a minute."
    )
    expect(page.get_by_role("button", name="Resend this email")).to_have_count(0)
    failed.refresh_from_db()
    assert failed.status == STATUS.queued
