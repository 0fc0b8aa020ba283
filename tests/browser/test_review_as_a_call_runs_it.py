"""In a real browser: the review pages a call runs on (criteria scored beside the proposal,
the edition's review settings, assigning and balancing reviewers, the assigned queue) pass
axe-core with no violation at desktop, tablet and phone widths, read from Tokyo and from Los
Angeles; a reviewer scores each criterion with the keyboard-free clicks the form offers."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from posters.assignments import assign
from posters.models import PosterProposal, Review, ReviewSettings
from tests.browser.axe import axe_violations
from tests.browser.test_desk_pace import WIDTHS, ZONES, log_in
from tests.factories import PosterProposalFactory, ReviewFactory, UserFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "review"
CRITERIA = [
    ("Relevance to the PyTorch ecosystem", "Does it help PyTorch researchers and engineers?"),
    ("Technical depth", "Results, design and limits, beyond a description."),
    ("Clarity", "Could a visitor grasp it from the poster in a few minutes?"),
    ("Research or open source, no sales pitch", "1 if it sells a product."),
]


def blind_call(event):
    settings = ReviewSettings.objects.create(event=event, blind=True)
    for position, (name, help_text) in enumerate(CRITERIA):
        settings.criteria.create(name=name, help_text=help_text, position=position)
    posters = [
        PosterProposalFactory(event=event, title=f"Poster {n + 1}", authors="Ada Lovelace")
        for n in range(3)
    ]
    ReviewFactory(proposal=posters[0], score=4, reviewer=UserFactory(name="Bo Reviewer"))
    return settings, posters


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_blind_reviewer_scores_each_criterion_beside_the_proposal_and_goes_on(
    page, live_server, event
):
    _settings, posters = blind_call(event)
    organizer = UserFactory(groups=["Organizers"])
    me = UserFactory(name="Rita", email="rita@example.org", groups=["Reviewers"])
    assign(PosterProposal, [posters[1]], [me], by=organizer)
    log_in(page, live_server, "rita@example.org")

    page.get_by_role("link", name="1 Posters assigned to you").click()
    page.locator("#result_list tbody tr").first.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Poster 2")
    expect(page.locator(".desk-proposal")).not_to_contain_text("Ada Lovelace")
    page.keyboard.type("Deep and clear.")
    for group in page.locator(".review-choices").all():
        group.get_by_text("4", exact=True).click()
    page.get_by_role("button", name="Save and next").click()

    expect(page.locator(".messagelist")).to_contain_text("Your review of “Poster 2” is saved.")
    [review] = Review.objects.filter(reviewer=me)
    assert (review.proposal.title, review.score) == ("Poster 2", 4)
    assert list(review.criterion_scores.values_list("score", flat=True)) == [4, 4, 4, 4]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("zone", ZONES)
def test_the_review_pages_pass_axe_at_every_width_in_any_zone(browser, live_server, event, zone):
    settings, posters = blind_call(event)
    UserFactory(name="Rosa", email="rosa@example.org", groups=["Reviewers", "Organizers"])
    UserFactory(name="Rita", email="rita@example.org", groups=["Reviewers"])
    base = live_server.url + "/admin/posters/"
    pages = {
        "organizer": {
            "proposal-criteria": (f"{base}posterproposal/{posters[0].pk}/change/", None),
            "review-settings": (f"{base}reviewsettings/{settings.pk}/change/", None),
            "balance": (f"{base}posterproposal/balance/", None),
            "assign": (f"{base}posterproposal/", "assign"),
        },
        "reviewer": {
            "blind-proposal": (f"{base}posterproposal/{posters[1].pk}/change/", None),
            "assigned-queue": (f"{base}posterproposal/?status=awaiting&reviews=assigned", None),
        },
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found = {}

    for width, (w, h) in WIDTHS.items():
        for role, email in (("organizer", "rosa@example.org"), ("reviewer", "rita@example.org")):
            context = browser.new_context(viewport={"width": w, "height": h}, timezone_id=zone)
            page = context.new_page()
            log_in(page, live_server, email)
            for name, (url, then) in pages[role].items():
                page.goto(url)
                if then == "assign":
                    page.locator("#action-toggle").check()
                    page.locator("select[name=action]").select_option("assign_reviewers")
                    page.locator("button[name=index]").click()
                    expect(page.locator("h1")).to_have_text(
                        "Assign reviewers to 3 poster proposals"
                    )
                found[(width, name)] = axe_violations(page)
                city = zone.split("/")[1].lower()
                page.screenshot(path=str(ARTIFACTS / f"{name}-{width}-{city}.png"), full_page=True)
            context.close()

    for key, violations in found.items():
        if violations:
            print(key, violations)
    assert {key: violations for key, violations in found.items() if violations} == {}
