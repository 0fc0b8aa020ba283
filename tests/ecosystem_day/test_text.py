"""User text is data: no row holds a control character (tab and line feed aside), and line
breaks are LF, whichever path saved it (a form, the admin, a transition, a command), because
every model of our apps runs `clean_text` (ecosystem_day/infra/text.py) on save."""

import pytest
from django.apps import apps
from hypothesis import given
from hypothesis import strategies as st

from ecosystem_day.accounts.models import User
from ecosystem_day.infra.text import CLEANED_APPS, clean_text
from posters.models import PosterProposal, StatusChange
from posters.services import change_poster_status
from sessions.models import BreakoutProposal, Room, ScheduleItem, Speaker
from tests.factories import PASSWORD, PosterProposalFactory, TrackFactory
from tests.posters.authors import author_fields
from tests.sessions.helpers import open_for_breakouts

OUR_PACKAGES = ("ecosystem_day", "posters", "sessions")
SUMMARY = "A library that helps PyTorch researchers run reproducible experiments. " * 2


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Tensors\x1b[31m in red", "Tensors[31m in red"),
        (
            "NUL\x00 BEL\x07 BS\x08 VT\x0b FF\x0c SO\x0e US\x1f DEL\x7f",
            "NUL BEL BS VT FF SO US DEL",
        ),
        ("Windows\r\nline ends", "Windows\nline ends"),
        ("a lone\rreturn, twice\r\r", "a lone\nreturn, twice\n\n"),
        ("a tab\tand a line feed\nstay", "a tab\tand a line feed\nstay"),
        (
            "non-characters\ufffe\uffff and a lone surrogate\ud800 go",
            "non-characters and a lone surrogate go",
        ),
        (
            "Ünïcode, emoji 😀, NBSP\xa0 and C1\x85 stay",
            "Ünïcode, emoji 😀, NBSP\xa0 and C1\x85 stay",
        ),
    ],
)
def test_clean_text_drops_control_characters_and_makes_line_breaks_lf(typed, stored):
    assert clean_text(typed) == stored


def test_in_a_one_line_field_each_line_break_becomes_a_space():
    assert clean_text("two\r\nlines\nand\rmore\x1b", multiline=False) == "two lines and more"


def test_what_is_not_text_is_left_alone():
    assert (clean_text(None), clean_text(42), clean_text("")) == (None, 42, "")


def expected_clean(text):
    """The rule, spelled out character by character."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        character
        for character in text
        if character in "\t\n" or not (ord(character) < 0x20 or character in "\x7f\ufffe\uffff")
    )


@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_clean_text_keeps_every_other_character_in_order_and_is_idempotent(text):
    cleaned = clean_text(text)

    assert cleaned == expected_clean(text)
    assert clean_text(cleaned) == cleaned


def test_every_model_of_our_apps_cleans_its_text_on_save():
    ours = {
        config.label
        for config in apps.get_app_configs()
        if config.name.split(".")[0] in OUR_PACKAGES and list(config.get_models())
    }

    assert ours == {"ecosystem_day", "accounts", "registration", "posters", "breakouts"}
    assert ours <= CLEANED_APPS


def test_the_poster_form_stores_its_text_clean(logged_in, event):
    response = logged_in.post(
        "/posters/submit/",
        {
            "title": "TorchTrace\x1b: traces\x07",
            "summary": f"{SUMMARY}\r\nSecond paragraph\x0c, with a form feed.\r\rEnd.",
            **author_fields("Ada\x07 Lovelace", "Alan Turing\x1b"),
            "topic": event.topics.get(name="NLP").pk,
            "link": "",
        },
    )

    assert response.status_code == 302
    poster = PosterProposal.objects.get()
    assert (poster.title, poster.summary, poster.authors) == (
        "TorchTrace: traces",
        f"{SUMMARY}\nSecond paragraph, with a form feed.\n\nEnd.",
        "Ada Lovelace\nAlan Turing",
    )


def test_the_breakout_form_stores_its_text_clean(logged_in, event, poster):
    open_for_breakouts(event)

    response = logged_in.post(
        "/breakouts/propose/",
        {
            "poster": poster.pk,
            "title": "Tracing\x1b live",
            "description": "We trace\x02 models.\r\nThen questions\x08.",
            "format": "demo",
            "preferred_track": TrackFactory(event=event).pk,
        },
    )

    assert response.status_code == 302
    breakout = BreakoutProposal.objects.get()
    assert (breakout.title, breakout.description) == (
        "Tracing live",
        "We trace models.\nThen questions.",
    )


def test_a_name_given_at_sign_up_and_a_profile_are_stored_clean(client, event, settings):
    settings.SIGNUP_RATE = "1000/h"
    client.post(
        "/accounts/signup/",
        {
            "name": "Sam\x1b Submitter\x7f",
            "email": "sam.clean@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    user = User.objects.get(email="sam.clean@example.org")
    client.force_login(user)

    client.post(
        "/me/profile/", {"affiliation": "Meta\x1b AI", "bio": "One\r\nTwo\x0b lines\rThree"}
    )

    user.refresh_from_db()
    assert (user.name, user.affiliation, user.bio) == (
        "Sam Submitter",
        "Meta AI",
        "One\nTwo lines\nThree",
    )


def test_what_organizers_type_in_the_admin_is_stored_clean(client, organizer, event):
    client.force_login(organizer)

    client.post(
        "/admin/breakouts/room/add/",
        {
            "event": event.pk,
            "name": "Main\x1b stage",
            "join_url": "https://meet.example.org/main",
            "access": "registered",
            "position": 0,
        },
    )
    client.post(
        "/admin/breakouts/speaker/add/",
        {
            "event": event.pk,
            "name": "Soumith\x1b Chintala",
            "affiliation": "Meta\x07",
            "bio": "Co-created PyTorch.\r\nLeads\x0c it.",
            "position": 0,
        },
    )
    client.post(
        "/admin/breakouts/scheduleitem/add/",
        {
            "event": event.pk,
            "kind": "keynote",
            "breakout": "",
            "title": "PyTorch\x1b at scale",
            "description": "Where it goes.\r\nAnd\x1b why.",
            "track": "",
            "room": Room.objects.get().pk,
            "starts_at_0": event.date.isoformat(),
            "starts_at_1": "08:00",
            "ends_at_0": event.date.isoformat(),
            "ends_at_1": "08:30",
            "recording_url": "",
            "speakers": [Speaker.objects.get().pk],
        },
    )

    speaker = Speaker.objects.get()
    item = ScheduleItem.objects.get()
    assert (
        Room.objects.get().name,
        speaker.name,
        speaker.affiliation,
        speaker.bio,
        item.title,
        item.description,
    ) == (
        "Main stage",
        "Soumith Chintala",
        "Meta",
        "Co-created PyTorch.\nLeads it.",
        "PyTorch at scale",
        "Where it goes.\nAnd why.",
    )


def test_a_decision_note_is_stored_clean_though_history_rows_are_written_in_bulk(event, organizer):
    poster = PosterProposalFactory(event=event)

    change_poster_status(poster, "accepted", by=organizer, note="Great\x1b work.\r\nThanks\x07!")

    assert StatusChange.objects.get(to_status="accepted").note == "Great work.\nThanks!"


def test_a_save_of_some_fields_cleans_those_and_reads_no_deferred_one(
    event, django_assert_num_queries
):
    speaker = Speaker.objects.create(event=event, name="Joe Spisak", bio="PyTorch lead.")
    Speaker.objects.filter(pk=speaker.pk).update(bio="Stored\x1b before the rule.")
    partial = Speaker.objects.only("id", "event", "name").get(pk=speaker.pk)
    partial.name = "Joe\x1b Spisak"

    with django_assert_num_queries(1):
        partial.save(update_fields=["name"])

    speaker.refresh_from_db()
    assert (speaker.name, speaker.bio) == ("Joe Spisak", "Stored\x1b before the rule.")


def test_django_forms_already_refuse_a_nul_character(logged_in, event):
    response = logged_in.post(
        "/posters/submit/",
        {
            "title": "Null\x00 title",
            "summary": SUMMARY,
            **author_fields("Ada Lovelace"),
            "topic": event.topics.get(name="NLP").pk,
        },
    )

    assert response.context["form"].errors["title"] == ["Null characters are not allowed."]
