"""Who may claim an imported poster, and what everyone else sees: only organizers see its
invitation link and claim email; only an accepted poster is claimed; an email claims only once
it is verified; every refusal is a page that says why."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.utils import timezone

from posters import services
from posters.models import PosterProposal, StatusChange
from tests.factories import AcceptedPosterFactory, EventFactory, UserFactory
from tests.races import named, run_together

Status = PosterProposal.Status
TOKEN = "an-invitation-token-of-32-characters"


@pytest.fixture
def imported(event):
    """An accepted poster from the catalogue: no account, an invitation link, an email."""
    return AcceptedPosterFactory(
        event=event,
        submitter=None,
        title="TorchTrace",
        claim_email="Priya@Example.org",
        claim_token=TOKEN,
    )


@pytest.fixture
def priya(db):
    """The presenter organizers named, who signed up but has not verified her address."""
    return UserFactory(name="Priya Poster", email="priya@example.org")


@pytest.fixture
def verified_priya(priya):
    priya.email_verified_at = timezone.now()
    priya.save()
    return priya


def change_page(client, user, poster):
    client.force_login(user)
    return client.get(f"/admin/posters/posterproposal/{poster.pk}/change/")


# Item 14.3: reviewers must not act as presenters.


def test_a_reviewer_sees_neither_the_invitation_link_nor_the_claim_email(
    client, reviewer, imported
):
    response = change_page(client, reviewer, imported)

    page = response.content.decode()
    assert response.status_code == 200
    assert TOKEN not in page
    assert "/posters/claim/" not in page
    assert "priya@example.org" not in page.lower()
    assert "Presenter&#x27;s account" not in page
    assert "claim_email" not in response.context["adminform"].form.fields


def test_an_organizer_sees_the_invitation_link_and_the_claim_email(client, organizer, imported):
    response = change_page(client, organizer, imported)

    page = response.content.decode()
    assert f'value="http://127.0.0.1:8000/posters/claim/{TOKEN}/"' in page
    assert 'value="Priya@Example.org"' in page
    assert "Presenter&#x27;s account" in page


def test_a_reviewer_cannot_make_invitation_links(client, reviewer, imported):
    client.force_login(reviewer)

    response = client.post(
        "/admin/posters/posterproposal/?status=all",
        {"action": "renew_claim_links", "_selected_action": [imported.pk], "index": 0},
    )
    with pytest.raises(PermissionDenied) as refusal:
        services.renew_claim_link(imported, by=reviewer)

    assert response.status_code == 200  # the list again: the action is not theirs to run
    assert "renew_claim_links" not in response.content.decode()
    assert str(refusal.value) == "Only organizers make invitation links."
    imported.refresh_from_db()
    assert imported.claim_token == TOKEN


@pytest.mark.parametrize(
    "status, shown",
    [
        (Status.SUBMITTED, "submitted"),
        (Status.WAITLISTED, "wait-listed"),
        (Status.REJECTED, "not accepted"),
        (Status.WITHDRAWN, "withdrawn"),
    ],
)
def test_only_an_accepted_poster_can_be_claimed_by_its_link(
    client, imported, submitter, status, shown
):
    PosterProposal.objects.filter(pk=imported.pk).update(status=status)
    client.force_login(submitter)

    question = client.get(f"/posters/claim/{TOKEN}/")
    answer = client.post(f"/posters/claim/{TOKEN}/")

    reason = f"“TorchTrace” is {shown}: only an accepted poster can be claimed."
    assert (question.status_code, answer.status_code) == (403, 403)
    assert answer.context["reason"] == reason
    assert "This poster cannot be claimed" in answer.content.decode()
    imported.refresh_from_db()
    assert (imported.submitter, imported.claim_token) == (None, TOKEN)
    assert StatusChange.objects.filter(proposal=imported).count() == 0


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.REJECTED, Status.WITHDRAWN])
def test_only_an_accepted_poster_can_be_claimed_by_a_verified_email(
    client, imported, verified_priya, status
):
    PosterProposal.objects.filter(pk=imported.pk).update(status=status)
    client.force_login(verified_priya)

    answer = client.post(f"/me/posters/{imported.pk}/claim/")

    assert answer.status_code == 403
    assert answer.context["reason"].endswith(": only an accepted poster can be claimed.")
    assert "TorchTrace" not in client.get("/me/").content.decode()
    imported.refresh_from_db()
    assert imported.submitter is None


def test_a_reviewer_holding_no_link_cannot_claim_and_so_cannot_withdraw(client, reviewer, imported):
    client.force_login(reviewer)

    assert client.post(f"/me/posters/{imported.pk}/claim/").status_code == 404
    assert client.post(f"/me/posters/{imported.pk}/withdraw/").status_code == 404
    imported.refresh_from_db()
    assert (imported.submitter, imported.status) == (None, Status.ACCEPTED)


# Item 14.4: an email claims only once it is verified.


def test_an_unverified_email_cannot_claim_the_poster_and_the_page_says_why(client, imported, priya):
    client.force_login(priya)

    question = client.get(f"/me/posters/{imported.pk}/claim/")
    answer = client.post(f"/me/posters/{imported.pk}/claim/")

    page = answer.content.decode()
    assert (question.status_code, answer.status_code) == (403, 403)
    assert answer.context["reason"] == (
        "Verify your email address (priya@example.org) first: a poster is claimed by the "
        "email the organizers gave it only once that address is proven yours."
    )
    assert "TorchTrace" not in question.content.decode() + page
    assert 'action="/accounts/verify-email/send/"' in page
    assert '<input type="hidden" name="next" value="/me/">' in page
    imported.refresh_from_db()
    assert imported.submitter is None


def test_the_first_to_register_a_presenters_address_cannot_take_the_poster(imported):
    squatter = UserFactory(name="Mallory", email="PRIYA@example.org")

    with pytest.raises(services.EmailNotVerified):
        services.claim_poster(imported, by=squatter)

    imported.refresh_from_db()
    assert imported.submitter is None


def test_my_page_asks_an_unverified_presenter_to_verify_without_naming_the_posters(
    client, event, imported, priya
):
    AcceptedPosterFactory(event=event, submitter=None, title="TorchServe", claim_email=priya.email)
    client.force_login(priya)

    page = client.get("/me/").content.decode()

    assert "Verify your email to claim these posters" in page
    assert 'The organizers gave your address, <span class="text-break">priya@example.org' in page
    assert "for 2 posters." in page
    assert "TorchTrace" not in page
    assert "TorchServe" not in page
    assert "Posters waiting for you" not in page
    assert f"/me/posters/{imported.pk}/claim/" not in page
    assert 'action="/accounts/verify-email/send/"' in page


def test_once_verified_my_page_lists_the_posters_and_the_claim_succeeds(
    client, imported, verified_priya
):
    client.force_login(verified_priya)

    page = client.get("/me/").content.decode()
    response = client.post(f"/me/posters/{imported.pk}/claim/")

    assert "Posters waiting for you" in page
    assert "Verify your email to claim" not in page
    assert "TorchTrace" in page
    assert (response.status_code, response.url) == (302, f"/me/posters/{imported.pk}/")
    imported.refresh_from_db()
    assert imported.submitter == verified_priya


def test_the_invitation_link_needs_no_verified_email(client, imported, priya):
    """The link itself came from the organizers; it proves nothing about the address."""
    client.force_login(priya)

    response = client.post(f"/posters/claim/{TOKEN}/")

    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.submitter == priya
    assert imported.edits.get().note == "Claimed by Priya Poster with the invitation link."


@pytest.mark.parametrize("count", [10, 1000])
@pytest.mark.parametrize("verified", [True, False])
def test_my_page_costs_the_same_queries_for_10_or_1000_posters_to_claim(
    client, event, priya, count, verified, django_assert_max_num_queries
):
    priya.email_verified_at = timezone.now() if verified else None
    priya.save()
    template = AcceptedPosterFactory.build()
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=event,
            topic=event.topics.first(),
            status=Status.ACCEPTED,
            title=f"Imported {n}",
            summary=template.summary,
            authors=template.authors,
            claim_email=priya.email,
        )
        for n in range(count)
    )
    client.force_login(priya)

    with django_assert_max_num_queries(7):
        page = client.get("/me/").content.decode()

    assert page.count("claimable-poster") == (count if verified else 0)
    assert (f"for {count} posters." in page) == (not verified)


@pytest.mark.django_db(transaction=True)
def test_the_link_holder_and_the_verified_presenter_claiming_at_once_leave_one_owner():
    event = EventFactory()
    refusals = (services.ClaimRefused,)
    for round_ in range(20):
        holder = UserFactory()
        presenter = UserFactory(email_verified_at=timezone.now())
        poster = AcceptedPosterFactory(
            event=event,
            submitter=None,
            claim_email=presenter.email,
            claim_token=f"token-{round_}-abcdefgh",
        )

        outcomes = run_together(
            lambda p=poster, u=holder: services.claim_poster(p, by=u, token=p.claim_token),
            lambda p=poster, u=presenter: services.claim_poster(p, by=u),
        )

        poster.refresh_from_db()
        names = [named(outcome, refusals) for outcome in outcomes]
        assert not any(isinstance(outcome, OperationalError) for outcome in outcomes)
        assert sorted(names) == ["ClaimRefused", "done"]
        winner = holder if names[0] == "done" else presenter
        assert (poster.submitter, poster.claim_token) == (winner, "")
        assert (poster.status_changes.count(), poster.edits.count()) == (0, 1)
