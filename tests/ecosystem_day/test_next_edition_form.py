"""Starting the next edition asks for what is worded for one year: the edition's texts
("Our first PyTorch Ecosystem Day") and each room's join link, prefilled with the previous
edition's and flagged while unchanged. A room link still the previous edition's is refused
unless the organizer confirms it stays; everything goes through `start_next_edition`."""

from datetime import date

import pytest

from ecosystem_day.event.editions import NextEdition, start_next_edition
from ecosystem_day.event.models import Event
from sessions.models import Room
from tests.factories import RoomFactory
from tests.sessions.helpers import at, ecosystem_day_2021, page

FIRST = "Our first PyTorch Ecosystem Day: a virtual, one-day event."


@pytest.fixture
def edition_2021(db, time_machine):
    time_machine.move_to(at(12, day=30))  # April 2022 is ahead
    event = ecosystem_day_2021()
    event.tagline = "Join us on April 21"
    event.description = FIRST
    event.save()
    RoomFactory(event=event, name="Main stage", join_url="https://live.example.org/2021")
    RoomFactory(event=event, name="Poster hall", join_url="https://gather.example.org/ptd-2021")
    return event


def url_of(edition):
    return f"/admin/ecosystem_day/event/{edition.pk}/next-edition/"


def link_field(edition, room_name):
    return f"link_room-{Room.objects.get(event=edition, name=room_name).pk}"


def filled(edition, **changes):
    """The form as an organizer sends it after giving every room a new link."""
    return {
        "name": "PyTorch Ecosystem Day 2022",
        "slug": "2022",
        "date": "2022-04-20",
        "text_tagline": "Join us on April 20",
        "text_description": "The second PyTorch Ecosystem Day.",
        link_field(edition, "Main stage"): "https://live.example.org/2022",
        link_field(edition, "Poster hall"): "https://gather.example.org/ptd-2022",
        **changes,
    }


def flagged(response):
    """The fields marked "Same as …", by name."""
    return [
        node.attrs["data-next-edition-field"] for node in page(response).find_all("data-unchanged")
    ]


def test_the_form_shows_the_texts_and_each_rooms_link_prefilled_and_flagged_unchanged(
    client, organizer, edition_2021
):
    client.force_login(organizer)

    response = client.get(url_of(edition_2021))

    form = response.context["form"]
    stage, hall = link_field(edition_2021, "Main stage"), link_field(edition_2021, "Poster hall")
    assert form["text_description"].value() == FIRST
    assert form[stage].value() == "https://live.example.org/2021"
    assert flagged(response) == [
        "text_tagline",
        "text_description",
        stage,
        hall,
    ]
    assert response.content.decode().count("<strong>Same as PyTorch Ecosystem Day.</strong>") == 4


def test_a_room_link_left_as_it_was_is_refused_naming_the_room_and_nothing_starts(
    client, organizer, edition_2021
):
    client.force_login(organizer)
    hall = link_field(edition_2021, "Poster hall")

    response = client.post(
        url_of(edition_2021), filled(edition_2021, **{hall: "https://gather.example.org/ptd-2021"})
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Still the links of “PyTorch Ecosystem Day”: Poster hall. Give the new edition's "
        "links, or tick “Keep the links that are unchanged”."
    ]
    assert flagged(response) == [hall]
    assert list(Event.objects.values_list("slug", flat=True)) == ["ecosystem-day-2021"]


def test_the_new_texts_and_links_are_the_new_editions_and_the_old_ones_stay(
    client, organizer, edition_2021
):
    client.force_login(organizer)

    response = client.post(url_of(edition_2021), filled(edition_2021))

    edition = Event.objects.get(slug="2022")
    assert response.status_code == 302
    assert (edition.tagline, edition.description) == (
        "Join us on April 20",
        "The second PyTorch Ecosystem Day.",
    )
    assert dict(edition.rooms.values_list("name", "join_url")) == {
        "Main stage": "https://live.example.org/2022",
        "Poster hall": "https://gather.example.org/ptd-2022",
    }
    edition_2021.refresh_from_db()
    assert edition_2021.description == FIRST
    assert dict(edition_2021.rooms.values_list("name", "join_url")) == {
        "Main stage": "https://live.example.org/2021",
        "Poster hall": "https://gather.example.org/ptd-2021",
    }


def test_an_organizer_who_confirms_keeps_an_unchanged_link_and_unchanged_texts_carry_over(
    client, organizer, edition_2021
):
    client.force_login(organizer)
    stage = link_field(edition_2021, "Main stage")

    response = client.post(
        url_of(edition_2021),
        filled(
            edition_2021,
            text_description=FIRST,
            keep_links="on",
            **{stage: "https://live.example.org/2021"},
        ),
    )

    edition = Event.objects.get(slug="2022")
    assert response.status_code == 302
    assert edition.description == FIRST
    assert edition.rooms.get(name="Main stage").join_url == "https://live.example.org/2021"


def test_a_link_that_is_no_web_address_is_refused_on_its_field(client, organizer, edition_2021):
    client.force_login(organizer)
    stage = link_field(edition_2021, "Main stage")

    response = client.post(url_of(edition_2021), filled(edition_2021, **{stage: "not a link"}))

    assert response.context["form"].errors[stage] == ["Enter a valid URL."]
    assert not Event.objects.filter(slug="2022").exists()


def test_control_characters_in_a_new_text_are_removed_and_a_nul_byte_is_refused(
    client, organizer, edition_2021
):
    client.force_login(organizer)

    refused = client.post(url_of(edition_2021), filled(edition_2021, text_tagline="Join\x00"))
    client.post(url_of(edition_2021), filled(edition_2021, text_tagline="Join\x1b us soon"))

    assert refused.context["form"].errors == {"text_tagline": ["Null characters are not allowed."]}
    assert Event.objects.get(slug="2022").tagline == "Join us soon"


def test_the_transition_takes_the_new_wording_and_links_and_refuses_an_unknown_text(
    edition_2021,
):
    stage = Room.objects.get(event=edition_2021, name="Main stage")
    next_edition = NextEdition(
        name="Next",
        slug="next",
        date=date(2022, 4, 20),
        texts={"description": "The second one."},
        links={f"room-{stage.pk}": "https://live.example.org/next"},
    )

    edition = start_next_edition(edition_2021, next_edition)

    assert (edition.description, edition.tagline) == ("The second one.", "Join us on April 21")
    assert dict(edition.rooms.values_list("name", "join_url")) == {
        "Main stage": "https://live.example.org/next",
        "Poster hall": "https://gather.example.org/ptd-2021",  # not named: carried over
    }
    with pytest.raises(ValueError, match="Not an edition's text: name."):
        start_next_edition(
            edition_2021, NextEdition("Again", "again", date(2022, 4, 21), texts={"name": "X"})
        )


def test_a_flag_describes_its_field_to_a_screen_reader(client, organizer, edition_2021):
    client.force_login(organizer)

    tree = page(client.get(url_of(edition_2021)))

    described = tree.one("name", "text_description").attrs["aria-describedby"]
    assert described == "id_text_description_unchanged"
    assert tree.one("id", described).text == "Same as PyTorch Ecosystem Day."
    assert tree.one("name", "slug").attrs["aria-describedby"] == "id_slug_helptext"
    assert tree.one("id", "id_slug_helptext").text.startswith("The new edition's address")
