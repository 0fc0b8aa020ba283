"""Presenters say in which sessions they stand by their accepted poster; attendees see it."""

import pytest

from tests.factories import (
    EventFactory,
    PosterProposalFactory,
    TrackFactory,
    UserFactory,
)


@pytest.fixture
def morning(event):
    return TrackFactory(event=event, name="Morning (EMEA)", slug="morning", position=1)


@pytest.fixture
def evening(event):
    return TrackFactory(event=event, name="Evening (APAC / US)", slug="evening", position=2)


def test_the_tending_page_offers_a_checkbox_for_each_session(logged_in, poster, morning, evening):
    response = logged_in.get(f"/me/posters/{poster.pk}/tending/")

    assert response.status_code == 200
    assert [label for _, label in response.context["form"].fields["tracks"].choices] == [
        "Morning (EMEA)",
        "Evening (APAC / US)",
    ]
    page = response.content.decode()
    assert page.count('type="checkbox"') == 2
    assert page.count('name="tracks"') == 2


def test_the_choice_is_saved_and_shown_on_the_public_poster_page(
    logged_in, client, poster, morning, evening
):
    response = logged_in.post(
        f"/me/posters/{poster.pk}/tending/", {"tracks": [morning.pk, evening.pk]}
    )

    assert response.status_code == 302
    assert response.url == f"/me/posters/{poster.pk}/"
    assert list(poster.tending_tracks.all()) == [morning, evening]
    mine = logged_in.get(response.url).content.decode()
    assert (
        "Saved: presenters stand by “TorchTrace” during Morning (EMEA) and Evening (APAC / US)."
        in mine
    )
    client.logout()
    public = client.get(f"/posters/{poster.pk}/").content.decode()
    assert "Presenters at the poster: Morning (EMEA) and Evening (APAC / US)." in public


def test_the_form_shows_the_current_choice_and_unticking_all_clears_it(
    logged_in, poster, morning, evening
):
    poster.tending_tracks.set([evening])

    form = logged_in.get(f"/me/posters/{poster.pk}/tending/").context["form"]
    response = logged_in.post(f"/me/posters/{poster.pk}/tending/", {})

    assert form.initial == {"tracks": [evening]}
    assert response.status_code == 302
    assert list(poster.tending_tracks.all()) == []
    page = logged_in.get(f"/posters/{poster.pk}/").content.decode()
    assert "The presenters have not said yet when they stand by the poster." in page


def test_a_session_of_another_edition_is_refused(logged_in, poster, morning):
    elsewhere = TrackFactory(event=EventFactory(is_current=False), name="Elsewhere")

    response = logged_in.post(f"/me/posters/{poster.pk}/tending/", {"tracks": [elsewhere.pk]})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "tracks": [f"Select a valid choice. {elsewhere.pk} is not one of the available choices."]
    }
    assert list(poster.tending_tracks.all()) == []


@pytest.mark.parametrize("status", ["submitted", "waitlisted", "rejected", "withdrawn"])
def test_a_poster_that_is_not_accepted_cannot_be_tended(
    logged_in, event, submitter, morning, status
):
    poster = PosterProposalFactory(event=event, submitter=submitter, status=status)

    page = logged_in.get(f"/me/posters/{poster.pk}/tending/")
    post = logged_in.post(f"/me/posters/{poster.pk}/tending/", {"tracks": [morning.pk]})

    message = "Only an accepted poster is on show, so only it can be tended."
    assert page.status_code == 200
    assert message in page.content.decode()
    assert post.status_code == 403
    assert message in post.content.decode()
    assert list(poster.tending_tracks.all()) == []


def test_another_user_cannot_choose_when_someone_elses_poster_is_tended(client, poster, morning):
    client.force_login(UserFactory(email="mallory@example.org"))

    page = client.get(f"/me/posters/{poster.pk}/tending/")
    post = client.post(f"/me/posters/{poster.pk}/tending/", {"tracks": [morning.pk]})

    assert (page.status_code, post.status_code) == (404, 404)
    assert list(poster.tending_tracks.all()) == []
