"""A submitter follows, edits and withdraws their own proposals, and no one else's."""

import pytest
from post_office.models import Email

from posters.models import PosterProposal, StatusChange
from tests.factories import PosterProposalFactory, UserFactory
from tests.posters.authors import author_fields

SUMMARY = "A library that helps PyTorch researchers run reproducible experiments. " * 4


@pytest.fixture
def proposal(event, submitter):
    return PosterProposalFactory(event=event, submitter=submitter, title="TorchTrace")


def edit_data(event, **changes):
    return {
        "title": "TorchTrace 2",
        "summary": SUMMARY,
        **author_fields("Ada Lovelace", "Grace Hopper"),
        "topic": event.topics.get(name="Compilers").pk,
        "link": "https://example.org/torchtrace",
        **changes,
    }


def test_my_proposals_lists_only_my_own_proposals_with_their_status(logged_in, event, submitter):
    PosterProposalFactory(event=event, submitter=submitter, title="Mine, waiting")
    PosterProposalFactory(
        event=event, submitter=submitter, title="Mine, accepted", status="accepted"
    )
    PosterProposalFactory(
        event=event, submitter=submitter, title="Mine, declined", status="rejected"
    )
    PosterProposalFactory(event=event, title="Somebody else's poster")

    response = logged_in.get("/me/")

    assert response.status_code == 200
    shown = [(poster.title, poster.get_status_display()) for poster in response.context["posters"]]
    assert sorted(shown) == [
        ("Mine, accepted", "Accepted"),
        ("Mine, declined", "Not accepted"),
        ("Mine, waiting", "Submitted"),
    ]
    page = response.content.decode()
    assert "Somebody else" not in page
    assert '<span class="badge status-badge status-accepted">Accepted</span>' in page
    assert '<span class="badge status-badge status-rejected">Not accepted</span>' in page
    assert '<span class="badge status-badge status-submitted">Submitted</span>' in page


def test_the_owner_can_edit_a_submitted_proposal_while_the_call_is_open(logged_in, event, proposal):
    form_page = logged_in.get(proposal.get_edit_url())
    assert form_page.status_code == 200
    assert 'value="TorchTrace"' in form_page.content.decode()

    response = logged_in.post(proposal.get_edit_url(), edit_data(event))

    assert response.status_code == 302
    assert response.url == f"/me/posters/{proposal.pk}/"
    proposal.refresh_from_db()
    assert proposal.title == "TorchTrace 2"
    assert proposal.authors == "Ada Lovelace\nGrace Hopper"
    assert proposal.topic.name == "Compilers"
    assert proposal.link == "https://example.org/torchtrace"
    assert proposal.status == "submitted"
    assert "Your changes are saved." in logged_in.get(response.url).content.decode()


def test_an_accepted_proposal_says_it_can_no_longer_be_changed(logged_in, event, submitter):
    accepted = PosterProposalFactory(
        event=event, submitter=submitter, title="TorchTrace", status="accepted"
    )

    response = logged_in.get(accepted.get_edit_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "This proposal is accepted: it can no longer be changed." in page
    assert 'name="title"' not in page


def test_an_edit_to_an_accepted_proposal_is_refused_and_nothing_changes(
    logged_in, event, submitter
):
    accepted = PosterProposalFactory(
        event=event, submitter=submitter, title="TorchTrace", status="accepted"
    )

    response = logged_in.post(accepted.get_edit_url(), edit_data(event))

    assert response.status_code == 403
    assert "This proposal is accepted: it can no longer be changed." in response.content.decode()
    accepted.refresh_from_db()
    assert accepted.title == "TorchTrace"
    assert accepted.status == "accepted"


def test_the_withdraw_page_asks_for_confirmation_and_changes_nothing(logged_in, proposal):
    response = logged_in.get(proposal.get_withdraw_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert 'Withdraw “<span class="text-break">TorchTrace</span>”?' in page
    assert "Yes, withdraw it" in page
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert StatusChange.objects.count() == 0


def test_withdrawing_marks_the_proposal_withdrawn_records_it_and_emails_the_submitter(
    logged_in, proposal, submitter, queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(proposal.get_withdraw_url())

    assert response.status_code == 302
    assert response.url == f"/me/posters/{proposal.pk}/"
    proposal.refresh_from_db()
    assert proposal.status == "withdrawn"
    history = list(StatusChange.objects.values_list("changed_by", "from_status", "to_status"))
    assert history == [(submitter.pk, "submitted", "withdrawn")]
    assert [(m.to, m.subject) for m in queued_mail] == [
        (["sam@example.org"], "Your poster was withdrawn: TorchTrace")
    ]
    assert "“TorchTrace” is withdrawn." in logged_in.get("/me/").content.decode()


def test_withdrawing_twice_sends_only_one_email(
    logged_in, proposal, queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(proposal.get_withdraw_url())
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(proposal.get_withdraw_url())

    assert response.status_code == 302
    assert len(queued_mail) == 1
    assert Email.objects.count() == 1
    assert StatusChange.objects.filter(to_status="withdrawn").count() == 1
    proposal.refresh_from_db()
    assert proposal.status == "withdrawn"


OWNER_PAGES = [
    "/me/posters/{pk}/",
    "/me/posters/{pk}/edit/",
    "/me/posters/{pk}/withdraw/",
    "/me/posters/{pk}/submitted/",
]


@pytest.mark.parametrize("address", OWNER_PAGES)
def test_another_user_cannot_see_someone_elses_proposal(client, proposal, address):
    client.force_login(UserFactory(email="mallory@example.org"))

    response = client.get(address.format(pk=proposal.pk))

    assert response.status_code == 404


def test_another_user_cannot_edit_someone_elses_proposal(client, event, proposal):
    client.force_login(UserFactory(email="mallory@example.org"))

    response = client.post(proposal.get_edit_url(), edit_data(event, title="Hijacked"))

    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.title == "TorchTrace"


def test_another_user_cannot_withdraw_someone_elses_proposal(
    client, proposal, queued_mail, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(email="mallory@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(proposal.get_withdraw_url())

    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert StatusChange.objects.count() == 0
    assert queued_mail == []


@pytest.mark.parametrize("address", ["/me/", *OWNER_PAGES])
def test_anonymous_visitors_are_sent_to_log_in_for_every_submitter_page(client, proposal, address):
    url = address.format(pk=proposal.pk)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("address", ["/me/posters/{pk}/edit/", "/me/posters/{pk}/withdraw/"])
def test_anonymous_posts_are_sent_to_log_in_and_change_nothing(client, event, proposal, address):
    url = address.format(pk=proposal.pk)

    response = client.post(url, edit_data(event, title="Anonymous change"))

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"
    proposal.refresh_from_db()
    assert (proposal.title, proposal.status) == ("TorchTrace", "submitted")
    assert PosterProposal.objects.count() == 1
