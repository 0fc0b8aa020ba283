"""Imported posters belong to nobody until their presenter claims them: by email or by link."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from posters import services
from posters.models import PosterEdit, PosterProposal, StatusChange
from tests.factories import AcceptedPosterFactory, EventFactory, UserFactory
from tests.races import run_together

Status = PosterProposal.Status


@pytest.fixture
def imported(event):
    """An accepted poster from the catalogue: no account, an invitation link, an email."""
    return AcceptedPosterFactory(
        event=event,
        submitter=None,
        title="TorchTrace",
        claim_email="Priya@Example.org",
        claim_token="an-invitation-token-of-32-characters",
    )


@pytest.fixture
def priya(db):
    """The presenter organizers named, her address verified."""
    return UserFactory(
        name="Priya Poster", email="priya@example.org", email_verified_at=timezone.now()
    )


def test_a_presenter_with_the_given_email_sees_the_poster_on_their_page_and_claims_it(
    client, imported, priya, django_capture_on_commit_callbacks, queued_mail
):
    client.force_login(priya)

    page = client.get("/me/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/me/posters/{imported.pk}/claim/")

    assert "Posters waiting for you" in page
    assert f'action="/me/posters/{imported.pk}/claim/"' in page
    assert response.status_code == 302
    assert response.url == f"/me/posters/{imported.pk}/"
    imported.refresh_from_db()
    assert (imported.submitter, imported.claim_token) == (priya, "")
    [claim] = PosterEdit.objects.filter(poster=imported)
    assert (claim.edited_by, claim.kind, claim.changed, claim.note) == (
        priya,
        "claimed",
        ["submitter"],
        "Claimed by Priya Poster as priya@example.org, the email the organizers gave.",
    )
    assert StatusChange.objects.filter(proposal=imported).count() == 0
    assert [(m.subject, m.to) for m in queued_mail] == [
        ("You now present “TorchTrace”", ["priya@example.org"])
    ]
    mine = client.get("/me/").content.decode()
    assert "Posters waiting for you" not in mine
    assert f'href="/me/posters/{imported.pk}/"' in mine


def test_someone_else_can_neither_see_nor_claim_it_by_email(client, imported, submitter):
    client.force_login(submitter)

    page = client.get("/me/").content.decode()
    response = client.post(f"/me/posters/{imported.pk}/claim/")

    assert "Posters waiting for you" not in page
    assert response.status_code == 404
    imported.refresh_from_db()
    assert imported.submitter is None


def test_the_invitation_link_asks_then_claims_once_for_whoever_follows_it(
    client, imported, submitter
):
    url = imported.get_claim_url()
    client.force_login(submitter)

    question = client.get(url)
    response = client.post(url)

    assert url == "/posters/claim/an-invitation-token-of-32-characters/"
    assert question.status_code == 200
    assert 'Is “<span class="text-break">TorchTrace</span>” your poster?' in (
        question.content.decode()
    )
    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.submitter == submitter
    assert imported.edits.get().note == "Claimed by Sam Submitter with the invitation link."
    assert client.get(url).status_code == 404  # used once


def test_the_invitation_link_sends_a_visitor_to_log_in_first(client, imported):
    url = imported.get_claim_url()

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


@pytest.mark.parametrize(
    "token", ["wrong-token", "an-invitation-token-of-32-characterz", "x" * 300, "-"]
)
def test_a_wrong_token_is_a_404(client, imported, submitter, token):
    client.force_login(submitter)

    assert client.get(f"/posters/claim/{token}/").status_code == 404
    assert client.post(f"/posters/claim/{token}/").status_code == 404
    imported.refresh_from_db()
    assert imported.submitter is None


def test_a_claimed_poster_cannot_be_claimed_again(imported, priya, submitter):
    services.claim_poster(imported, by=priya)

    with pytest.raises(services.ClaimRefused) as refusal:
        services.claim_poster(imported, by=submitter, token="an-invitation-token-of-32-characters")

    assert str(refusal.value) == "“TorchTrace” has already been claimed."


def test_a_poster_from_the_call_cannot_be_claimed(client, poster, priya):
    client.force_login(priya)

    assert client.post(f"/me/posters/{poster.pk}/claim/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.claim_poster(poster, by=priya)


def test_a_claimed_poster_is_its_presenters_own_to_manage(client, imported, priya):
    services.claim_poster(imported, by=priya)
    client.force_login(priya)

    assert client.get(f"/me/posters/{imported.pk}/").status_code == 200
    assert client.get(f"/me/posters/{imported.pk}/tending/").status_code == 200


def test_organizers_renew_the_link_and_the_old_one_stops_working(
    client, organizer, imported, submitter
):
    old = imported.get_claim_url()
    client.force_login(organizer)

    client.post(
        "/admin/posters/posterproposal/?status=all",
        {"action": "renew_claim_links", "_selected_action": [imported.pk], "index": 0},
    )
    imported.refresh_from_db()
    page = client.get(f"/admin/posters/posterproposal/{imported.pk}/change/").content.decode()
    client.force_login(submitter)

    assert imported.claim_token not in ("", "an-invitation-token-of-32-characters")
    assert f"http://127.0.0.1:8000{imported.get_claim_url()}" in page
    assert client.get(old).status_code == 404
    assert client.get(imported.get_claim_url()).status_code == 200


def test_organizers_give_the_presenters_email_in_the_admin(client, organizer, imported, priya):
    imported.claim_email = ""
    imported.save()
    client.force_login(organizer)
    change_url = f"/admin/posters/posterproposal/{imported.pk}/change/"
    form = client.get(change_url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data.update(
        claim_email="priya@example.org",
        topic=imported.topic_id,
        tending_tracks=[],
        extra_topics=[],
        **{
            f"{prefix}-{key}": 0
            for prefix in ("assignments", "status_changes", "edits")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    )

    response = client.post(change_url, data)

    assert response.status_code == 302
    client.force_login(priya)
    assert "Posters waiting for you" in client.get("/me/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_presenters_racing_for_one_poster_leave_one_owner_and_one_history_line():
    event = EventFactory()
    for _round in range(10):
        poster = AcceptedPosterFactory(
            event=event, submitter=None, claim_token=f"token-{_round}-abcdefgh"
        )
        first, second = UserFactory(), UserFactory()

        outcomes = run_together(
            lambda user=first, p=poster: services.claim_poster(p, by=user, token=p.claim_token),
            lambda user=second, p=poster: services.claim_poster(p, by=user, token=p.claim_token),
        )

        poster.refresh_from_db()
        assert poster.submitter in (first, second)
        assert sorted(type(outcome).__name__ for outcome in outcomes) == [
            "ClaimRefused",
            "PosterProposal",
        ]
        assert (poster.status_changes.count(), poster.edits.count()) == (0, 1)
