"""Co-presenters: an author the submitter gives an email is invited, joins with that verified
address, then sees, edits and tends the poster as the submitter does, until removed."""

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ecosystem_day.accounts.links import LinkRefused
from ecosystem_day.event.frozen import PastEditionReadOnly
from posters import invitations, services
from posters.authorship import is_author, user_authors
from posters.call import call_for
from posters.models import CoPresenter, PosterAuthor, PosterEdit, PosterProposal
from tests.factories import (
    AcceptedBreakoutFactory,
    EventFactory,
    PosterProposalFactory,
    TopicFactory,
    TrackFactory,
    UserFactory,
)
from tests.posters.authors import author_fields
from tests.races import named, run_together

SUMMARY = "A library that helps PyTorch researchers run reproducible experiments. " * 3
JOIN_LINK = re.compile(r"https?://\S+/posters/join/\S+/")
# /me/: the session, the user, the current edition, the posters (theirs and co-presented, one
# query), the breakouts, the posters waiting to be claimed.
ME_QUERIES = 6


def proposal(event, *authors, title="TorchTrace", initial=0):
    return {
        "title": title,
        "summary": SUMMARY,
        **author_fields(*authors, initial=initial),
        "topic": event.topics.get(name="NLP").pk,
        "link": "",
    }


@pytest.fixture
def grace(db):
    """A co-author with an account under the address the submitter gives, verified."""
    return UserFactory(
        name="Grace Hopper", email="grace@example.org", email_verified_at=timezone.now()
    )


@pytest.fixture
def submitted(logged_in, event, django_capture_on_commit_callbacks):
    """The submitter's proposal, Grace invited as its second author."""
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(
            "/posters/submit/",
            proposal(event, "Sam Submitter", ("Grace Hopper", "Grace@Example.org")),
        )
    assert response.status_code == 302
    return PosterProposal.objects.get()


def join_path(mail, to="Grace@Example.org"):
    [body] = [message.body for message in mail if message.to == [to]]
    return urlsplit(JOIN_LINK.search(body).group()).path


def test_an_author_given_an_email_is_invited_by_a_link_that_works_once(
    client, submitted, grace, queued_mail
):
    path = join_path(queued_mail)
    client.force_login(grace)

    asked = client.get(path)
    joined = client.post(path)
    again = client.post(path)

    [invitation] = [message for message in queued_mail if message.to == ["Grace@Example.org"]]
    assert invitation.subject == "Sam Submitter invites you to present “TorchTrace”"
    assert "The link works once, for 14 days." in invitation.body
    assert 'Present “<span class="text-break">TorchTrace</span>” with its authors?' in (
        asked.content.decode()
    )
    assert (joined.status_code, joined.url) == (302, f"/me/posters/{submitted.pk}/")
    assert again.status_code == 403
    assert "This link has already been used, or is no longer valid." in again.content.decode()
    [row] = CoPresenter.objects.all()
    assert (row.poster, row.name, row.email, row.user) == (
        submitted,
        "Grace Hopper",
        "Grace@Example.org",
        grace,
    )
    assert list(submitted.edits.values_list("kind", "note")) == [
        ("presenters", "Invited Grace Hopper."),
        ("presenters", "Grace Hopper joined."),
    ]


def test_a_joined_co_presenter_finds_the_proposal_on_their_page_and_edits_it_while_open(
    client, event, submitted, grace, queued_mail
):
    client.force_login(grace)
    client.post(join_path(queued_mail))

    mine = client.get("/me/").content.decode()
    edit = client.post(
        submitted.get_edit_url(),
        proposal(event, "Sam Submitter", ("Grace Hopper", "grace@example.org"), title="Better"),
    )

    assert f'href="/me/posters/{submitted.pk}/"' in mine
    assert "you co-present it" in mine
    assert f'href="/me/posters/{submitted.pk}/withdraw/"' not in mine  # the submitter's
    assert edit.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.title, submitted.authors) == ("Better", "Sam Submitter\nGrace Hopper")
    assert client.get(submitted.get_withdraw_url()).status_code == 404


def test_a_co_presenters_edit_after_the_deadline_is_refused_and_changes_nothing(
    client, event, submitted, grace, queued_mail, time_machine
):
    client.force_login(grace)
    client.post(join_path(queued_mail))
    time_machine.move_to(call_for(event).deadline + timedelta(seconds=1))

    response = client.post(
        submitted.get_edit_url(),
        proposal(event, "Sam Submitter", ("Grace Hopper", "grace@example.org"), title="Late"),
    )

    assert response.status_code == 403
    assert "The call for posters is closed" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.title == "TorchTrace"


def test_only_the_submitter_invites_or_removes_co_presenters(
    client, event, submitted, grace, queued_mail
):
    client.force_login(grace)
    client.post(join_path(queued_mail))

    response = client.post(
        submitted.get_edit_url(),
        proposal(event, "Sam Submitter", "Grace Hopper", ("Alan Turing", "alan@example.org")),
    )

    assert response.status_code == 200
    assert list(response.context["form"].author_rows.non_form_errors()) == [
        "Only the submitter invites or removes co-presenters: keep their emails as they are."
    ]
    assert CoPresenter.objects.get().email == "Grace@Example.org"
    with pytest.raises(PermissionDenied):
        services.update_poster(submitted, by=grace, copresenters=[])


def test_a_co_presenter_tends_the_accepted_poster_as_its_submitter_does(
    event, submitted, grace, queued_mail, organizer, client
):
    client.force_login(grace)
    client.post(join_path(queued_mail))
    services.change_poster_status(submitted, "accepted", by=organizer)
    track = TrackFactory(event=event, name="Morning (EMEA)")

    response = client.post(f"/me/posters/{submitted.pk}/tending/", {"tracks": [track.pk]})

    assert (response.status_code, response.url) == (302, f"/me/posters/{submitted.pk}/")
    assert list(submitted.tending_tracks.all()) == [track]
    assert client.get(f"/me/posters/{submitted.pk}/image/").status_code == 200


def test_a_co_presenter_of_one_poster_cannot_touch_another(
    client, event, submitted, grace, queued_mail, organizer
):
    client.force_login(grace)
    client.post(join_path(queued_mail))
    other = PosterProposalFactory(event=event, status="accepted")

    pages = [client.get(f"/me/posters/{other.pk}/{page}").status_code for page in PAGES]

    assert pages == [404] * len(PAGES)
    with pytest.raises(PermissionDenied):
        services.set_tending(other, [], by=grace)
    with pytest.raises(PermissionDenied):
        services.update_poster(other, by=grace, title="Mine now")


PAGES = ("", "edit/", "image/", "tending/", "withdraw/")


def test_the_submitter_removes_a_co_presenter_who_then_loses_access(
    client, logged_in, event, submitted, grace, queued_mail
):
    grace_client = type(client)()
    grace_client.force_login(grace)
    grace_client.post(join_path(queued_mail))
    row = CoPresenter.objects.get()

    page = logged_in.get(submitted.get_absolute_url()).content.decode()
    response = logged_in.post(f"/me/posters/{submitted.pk}/copresenters/{row.pk}/remove/")

    assert "Remove Grace Hopper" in page
    assert (response.status_code, response.url) == (302, f"/me/posters/{submitted.pk}/")
    assert CoPresenter.objects.exists() is False
    assert grace_client.get(submitted.get_absolute_url()).status_code == 404
    assert f"/me/posters/{submitted.pk}/" not in grace_client.get("/me/").content.decode()
    assert is_author(grace, submitted) is False
    with pytest.raises(PermissionDenied):
        services.update_poster(submitted, by=grace, title="Still mine?")
    assert submitted.edits.last().note == "Removed Grace Hopper."


def test_a_co_presenter_cannot_remove_another_or_the_submitters_rows(
    client, event, submitted, grace, queued_mail
):
    client.force_login(grace)
    client.post(join_path(queued_mail))
    row = CoPresenter.objects.get()

    response = client.post(f"/me/posters/{submitted.pk}/copresenters/{row.pk}/remove/")

    assert response.status_code == 404
    assert CoPresenter.objects.get().user == grace


def test_emptying_an_authors_row_removes_the_author_and_their_invitation(
    logged_in, event, submitted, queued_mail
):
    response = logged_in.post(
        submitted.get_edit_url(),
        {
            **proposal(event, "Sam Submitter", ("Grace Hopper", "grace@example.org"), initial=2),
            "authors-1-DELETE": "on",
        },
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.authors == "Sam Submitter"
    assert CoPresenter.objects.exists() is False
    assert list(PosterAuthor.objects.values_list("name", "position")) == [("Sam Submitter", 1)]


def test_reordered_authors_keep_their_invitation_and_the_speakers_keys(
    logged_in, event, submitted, queued_mail
):
    logged_in.post(
        submitted.get_edit_url(),
        proposal(event, ("Grace  Hopper", "grace@example.org"), "Ada Lovelace", "Sam Submitter"),
    )

    submitted.refresh_from_db()
    assert submitted.authors == "Grace Hopper\nAda Lovelace\nSam Submitter"
    assert list(
        PosterAuthor.objects.filter(poster=submitted)
        .order_by("position")
        .values_list("position", "name", "key")
    ) == [
        (1, "Grace Hopper", "grace hopper"),
        (2, "Ada Lovelace", "ada lovelace"),
        (3, "Sam Submitter", "sam submitter"),
    ]
    assert CoPresenter.objects.get().name == "Grace Hopper"
    assert len([m for m in queued_mail if m.to == ["Grace@Example.org"]]) == 1  # not again


def test_the_edit_form_shows_each_author_with_their_email_in_order(logged_in, submitted):
    form = logged_in.get(submitted.get_edit_url()).context["form"]

    assert [row.initial for row in form.author_rows.initial_forms] == [
        {"name": "Sam Submitter", "email": ""},
        {"name": "Grace Hopper", "email": "Grace@Example.org"},
    ]
    assert len(form.author_rows.extra_forms) == 2


def test_inviting_again_replaces_the_link(client, logged_in, submitted, grace, queued_mail):
    first = join_path(queued_mail)
    row = CoPresenter.objects.get()

    logged_in.post(f"/me/posters/{submitted.pk}/copresenters/{row.pk}/invite/")
    client.force_login(grace)
    old = client.post(first)
    [_, second] = [m.body for m in queued_mail if m.to == ["Grace@Example.org"]]
    new = client.post(urlsplit(JOIN_LINK.search(second).group()).path)

    assert old.status_code == 403
    assert new.status_code == 302
    assert CoPresenter.objects.get().user == grace


def test_an_expired_invitation_says_so(client, submitted, grace, queued_mail, time_machine):
    path = join_path(queued_mail)
    time_machine.move_to(timezone.now() + timedelta(days=14, seconds=1))
    client.force_login(grace)

    response = client.post(path)

    assert response.status_code == 403
    assert "This link has expired." in response.content.decode()
    assert CoPresenter.objects.get().user is None


def test_only_the_account_of_the_invited_address_joins_and_only_once_verified(
    client, submitted, queued_mail
):
    path = join_path(queued_mail)
    someone = UserFactory(email="someone@example.org", email_verified_at=timezone.now())
    unverified = UserFactory(email="grace@example.org")

    client.force_login(someone)
    wrong = client.post(path)
    client.force_login(unverified)
    not_yet = client.post(path)

    assert wrong.status_code == not_yet.status_code == 403
    assert "sent to another address than yours (someone@example.org)" in wrong.content.decode()
    assert "Verify your email address (grace@example.org) first" in not_yet.content.decode()
    assert 'action="/accounts/verify-email/send/' in not_yet.content.decode()
    assert CoPresenter.objects.get().user is None


def test_an_invitation_quotes_hostile_names_as_text(logged_in, event, queued_mail):
    logged_in.post(
        "/posters/submit/",
        proposal(
            event,
            ("{{ join_url }}{% debug %}\x07", "grace@example.org"),
            title="{% now 'Y' %} <b>",
        ),
    )

    [body] = [m.body for m in queued_mail if m.to == ["grace@example.org"]]
    assert body.startswith("Hello {{ join_url }}{% debug %},\n")
    assert "“{% now 'Y' %} <b>”" in body


def test_the_authors_are_the_submitter_and_the_co_presenters_who_joined(
    client, submitted, submitter, grace, queued_mail
):
    before = list(user_authors(submitted))
    client.force_login(grace)
    client.post(join_path(queued_mail))

    assert before == [submitter]
    assert list(user_authors(submitted)) == [submitter, grace]
    assert (is_author(submitter, submitted), is_author(grace, submitted)) == (True, True)
    assert is_author(UserFactory(), submitted) is False


def test_the_public_pages_show_names_only(client, organizer, submitted, grace, queued_mail):
    client.force_login(grace)
    client.post(join_path(queued_mail))
    services.change_poster_status(submitted, "accepted", by=organizer)
    client.logout()

    pages = [client.get(url).content.decode() for url in ("/posters/", "/speakers/")]

    assert all("Grace Hopper" in page for page in pages)
    assert not any("example.org" in page.lower() for page in pages)


@pytest.mark.django_db(transaction=True)
def test_of_two_clicks_on_one_invitation_at_once_one_joins(grace, django_db_blocker):
    event = EventFactory()
    TopicFactory(event=event, name="NLP")
    poster = PosterProposalFactory(event=event, authors="Sam\nGrace Hopper")
    invitations.set_copresenters(
        poster, [("Grace Hopper", "grace@example.org")], by=UserFactory(is_superuser=True)
    )
    row = CoPresenter.objects.get()
    token = invitations.INVITATION.make_token(row)

    outcomes = run_together(
        lambda: invitations.join(token, by=grace), lambda: invitations.join(token, by=grace)
    )

    assert sorted(named(outcome, (LinkRefused,)) for outcome in outcomes) == [
        "LinkRefused",
        "done",
    ]
    assert CoPresenter.objects.get().user == grace
    assert PosterEdit.objects.filter(note="Grace Hopper joined.").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_removal_and_a_join_at_once_never_leave_the_removed_person_in(grace):
    event = EventFactory()
    TopicFactory(event=event, name="NLP")
    poster = PosterProposalFactory(event=event, authors="Sam\nGrace Hopper")
    submitter = poster.submitter
    invitations.set_copresenters(
        poster, [("Grace Hopper", "grace@example.org")], by=UserFactory(is_superuser=True)
    )
    row = CoPresenter.objects.get()
    token = invitations.INVITATION.make_token(row)

    outcomes = run_together(
        lambda: invitations.join(token, by=grace),
        lambda: invitations.remove_copresenter(poster, row.pk, by=submitter),
    )

    assert named(outcomes[1]) == "done"
    assert named(outcomes[0], (LinkRefused,)) in ("done", "LinkRefused")
    assert CoPresenter.objects.exists() is False
    assert is_author(grace, poster) is False


def test_a_past_editions_co_presenters_stay_as_they_were(submitter, grace):
    past = EventFactory(is_current=False, date=date(2021, 4, 21))
    TopicFactory(event=past, name="NLP")
    poster = PosterProposalFactory(event=past, submitter=submitter, authors="Sam\nGrace")
    row = CoPresenter.objects.create(poster=poster, name="Grace", email="grace@example.org")
    token = invitations.INVITATION.make_token(row)

    with pytest.raises(PastEditionReadOnly):
        invitations.join(token, by=grace)
    with pytest.raises(PastEditionReadOnly):
        invitations.remove_copresenter(poster, row.pk, by=submitter)
    assert CoPresenter.objects.get().user is None


def admin_data(client, url, **changes):
    """The admin's change form as it was shown, with `changes`."""
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    return {
        **data,
        "tending_tracks": [],
        "extra_topics": [],
        **{
            f"{prefix}-{key}": 0
            for prefix in ("assignments", "status_changes", "edits")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
        **changes,
    }


def test_organizers_invite_and_remove_co_presenters_in_the_admins_authors_field(
    client, organizer, submitted, queued_mail
):
    client.force_login(organizer)
    url = f"/admin/posters/posterproposal/{submitted.pk}/change/"
    shown = admin_data(client, url)

    invited = client.post(
        url,
        {
            **shown,
            "authors": "Sam Submitter\nGrace Hopper <grace@example.org>\n"
            "Alan Turing <alan@example.org>",
        },
    )
    removed = client.post(url, {**shown, "authors": "Sam Submitter\nAlan Turing"})

    assert shown["authors"] == "Sam Submitter\nGrace Hopper <Grace@Example.org>"
    assert invited.status_code == removed.status_code == 302
    assert [m.to for m in queued_mail if "invites you" in m.subject] == [
        ["Grace@Example.org"],
        ["alan@example.org"],
    ]
    submitted.refresh_from_db()
    assert submitted.authors == "Sam Submitter\nAlan Turing"
    assert CoPresenter.objects.exists() is False
    assert list(submitted.edits.values_list("edited_by", "note"))[-2:] == [
        (organizer.pk, "Invited Alan Turing."),
        (organizer.pk, "Removed Grace Hopper, Alan Turing."),
    ]


def test_the_exported_catalogue_names_the_authors_without_their_emails(
    organizer, submitted, client
):
    services.change_poster_status(submitted, "accepted", by=organizer)
    client.force_login(organizer)

    response = client.post(
        "/admin/posters/posterproposal/?status=all",
        {"action": "export_csv", "_selected_action": [submitted.pk], "index": 0},
    )

    exported = response.content.decode()
    assert "Sam Submitter" in exported and "Grace Hopper" in exported
    assert "example.org" not in exported.lower()


@pytest.mark.parametrize("count", [1, 10])
def test_my_page_costs_the_same_queries_however_many_posters_i_co_present(
    client, event, grace, count, django_assert_num_queries
):
    for n in range(count):
        poster = PosterProposalFactory(event=event, authors=f"Someone {n}\nGrace Hopper")
        CoPresenter.objects.create(
            poster=poster,
            name="Grace Hopper",
            email="grace@example.org",
            user=grace,
            joined_at=timezone.now(),
        )
    client.force_login(grace)

    with django_assert_num_queries(ME_QUERIES):
        response = client.get("/me/")

    assert response.content.decode().count("you co-present it") == count


def test_a_breakouts_authors_are_its_submitter_whatever_poster_shares_its_id(
    client, submitted, grace, queued_mail
):
    client.force_login(grace)
    client.post(join_path(queued_mail))
    breakout = AcceptedBreakoutFactory(event=submitted.event)
    breakout.pk = submitted.pk  # an id a poster also has: never mistaken for it

    assert list(user_authors(breakout)) == [breakout.submitter]
    assert is_author(grace, breakout) is False


def test_organizers_invite_the_presenters_of_an_imported_poster_who_then_tend_it(
    client, event, organizer, grace, queued_mail
):
    imported = PosterProposalFactory(
        event=event, submitter=None, status="accepted", authors="Grace Hopper"
    )
    invitations.set_copresenters(imported, [("Grace Hopper", "grace@example.org")], by=organizer)
    path = join_path(queued_mail, to="grace@example.org")
    client.force_login(grace)

    asked = client.get(path).content.decode()
    client.post(path)

    assert "The organizers named you, Grace Hopper, among its authors." in asked
    assert [m.subject for m in queued_mail] == [
        f"Olivia Organizer invites you to present “{imported.title}”"
    ]
    assert client.post(f"/me/posters/{imported.pk}/tending/", {"tracks": []}).status_code == 302
    assert list(user_authors(imported)) == [grace]


def test_a_reviewer_invited_or_joined_as_a_co_presenter_does_not_review_it(
    client, event, organizer, queued_mail
):
    from posters.conflicts import is_author as wrote

    poster = PosterProposalFactory(event=event, authors="Sam\nAnonymous Coauthor\nJo")
    invitations.set_copresenters(
        poster,
        [("Anonymous Coauthor", "ravi@example.org"), ("Jo", "jo@example.org")],
        by=organizer,
    )
    invited = UserFactory(name="Ravi Reviewer", email="RAVI@example.org", groups=["Reviewers"])
    joined = UserFactory(
        name="J. O.", email="jo@example.org", email_verified_at=timezone.now(), groups=["Reviewers"]
    )
    invitations.join(
        invitations.INVITATION.make_token(CoPresenter.objects.get(email="jo@example.org")),
        by=joined,
    )

    assert (wrote(invited, poster), wrote(joined, poster)) == (True, True)
    assert wrote(UserFactory(groups=["Reviewers"]), poster) is False
