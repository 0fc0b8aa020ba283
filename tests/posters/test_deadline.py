"""The call closes at the last second of its deadline, in the event's own time zone."""

import re
import zoneinfo
from datetime import date, datetime, timedelta

import pytest
from django.utils.html import strip_tags
from post_office.models import Email

from posters.call import CallForPosters, call_for
from posters.models import PosterProposal
from posters.services import CallForPostersClosed, submit_poster
from tests.factories import EventFactory, PosterProposalFactory, TopicFactory
from tests.posters.authors import author_fields

LOS_ANGELES = zoneinfo.ZoneInfo("America/Los_Angeles")
DEADLINE = datetime(2021, 3, 18, 23, 59, 59, tzinfo=LOS_ANGELES)
ONE_SECOND_LATE = datetime(2021, 3, 19, 0, 0, 0, tzinfo=LOS_ANGELES)
SUBMIT_URL = "/posters/submit/"
CLOSED_IN_LOS_ANGELES = "Thursday, March 18, 2021, 11:59:59 PM PDT (America/Los_Angeles)"
CLOSED_IN_TOKYO = "Friday, March 19, 2021, 3:59:59 PM JST (Asia/Tokyo)"
TITLE_FIELD = re.compile(r'<form[^>]*>.*name="title"', re.DOTALL)


@pytest.fixture
def event(db):
    """The 2021 edition, whose call closed at the end of March 18 in Los Angeles."""
    event = EventFactory(
        date=date(2021, 4, 21), time_zone="America/Los_Angeles", cfp_deadline=DEADLINE
    )
    TopicFactory(event=event, name="NLP")
    return event


def proposal_data(event):
    return {
        "title": "A late-night poster",
        "summary": "A library that helps PyTorch researchers run reproducible experiments. " * 4,
        **author_fields("Ada Lovelace"),
        "topic": event.topics.get(name="NLP").pk,
        "link": "",
    }


def service_fields(event):
    """The same proposal as the transitions take it: names one a line, the topic itself."""
    fields = {name: value for name, value in proposal_data(event).items() if "-" not in name}
    return fields | {"authors": "Ada Lovelace", "topic": event.topics.get(name="NLP")}


def test_the_deadline_is_the_last_second_of_march_18_in_los_angeles_daylight_time(event):
    assert call_for(event).deadline.astimezone(zoneinfo.ZoneInfo("UTC")).isoformat() == (
        "2021-03-19T06:59:59+00:00"
    )


def test_a_proposal_at_the_last_second_of_the_deadline_is_accepted(
    logged_in, event, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(DEADLINE, tick=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(SUBMIT_URL, proposal_data(event))

    proposal = PosterProposal.objects.get()
    assert response.status_code == 302
    assert response.url == f"/me/posters/{proposal.pk}/submitted/"
    assert proposal.title == "A late-night poster"
    assert proposal.status == "submitted"


def test_a_proposal_one_second_after_the_deadline_is_refused_and_nothing_is_saved(
    logged_in, event, time_machine, queued_mail, django_capture_on_commit_callbacks
):
    time_machine.move_to(ONE_SECOND_LATE, tick=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(SUBMIT_URL, proposal_data(event))

    assert response.status_code == 403
    page = response.content.decode()
    assert "The call for posters is closed" in page
    assert CLOSED_IN_LOS_ANGELES in page
    assert "Nothing was saved." in page
    assert "March 18, 2021" in page
    assert "11:59:59 PM PDT" in page
    assert PosterProposal.objects.count() == 0
    assert Email.objects.count() == 0
    assert queued_mail == []


def test_after_the_deadline_the_submit_page_says_the_call_is_closed_instead_of_showing_the_form(
    logged_in, event, time_machine
):
    time_machine.move_to(ONE_SECOND_LATE, tick=False)

    response = logged_in.get(SUBMIT_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "The call for posters is closed." in page
    assert (
        '<time datetime="2021-03-19T06:59:59+00:00" data-times="event">'
        f"{CLOSED_IN_LOS_ANGELES}</time>"
    ) in page
    assert f"It closed on {CLOSED_IN_LOS_ANGELES}." in strip_tags(page)
    assert not TITLE_FIELD.search(page)


def test_before_the_deadline_the_submit_page_shows_the_form(logged_in, event, time_machine):
    time_machine.move_to(DEADLINE, tick=False)

    response = logged_in.get(SUBMIT_URL)

    assert response.status_code == 200
    assert TITLE_FIELD.search(response.content.decode())


def test_after_the_deadline_the_edit_page_says_the_call_is_closed_and_offers_no_form(
    logged_in, event, submitter, time_machine
):
    proposal = PosterProposalFactory(event=event, submitter=submitter, title="Before the bell")
    time_machine.move_to(ONE_SECOND_LATE, tick=False)

    response = logged_in.get(proposal.get_edit_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "The call for posters is closed." in page
    assert CLOSED_IN_LOS_ANGELES in page
    assert not TITLE_FIELD.search(page)


def test_an_edit_one_second_after_the_deadline_is_refused_and_the_proposal_is_unchanged(
    logged_in, event, submitter, time_machine
):
    proposal = PosterProposalFactory(event=event, submitter=submitter, title="Before the bell")
    time_machine.move_to(ONE_SECOND_LATE, tick=False)

    response = logged_in.post(
        proposal.get_edit_url(), {**proposal_data(event), "title": "After the bell"}
    )

    assert response.status_code == 403
    page = response.content.decode()
    assert "The call for posters is closed" in page
    assert CLOSED_IN_LOS_ANGELES in page
    assert "Nothing was saved." in page
    proposal.refresh_from_db()
    assert proposal.title == "Before the bell"


def test_an_edit_at_the_last_second_of_the_deadline_is_saved(
    logged_in, event, submitter, time_machine
):
    proposal = PosterProposalFactory(event=event, submitter=submitter, title="Before the bell")
    time_machine.move_to(DEADLINE, tick=False)

    response = logged_in.post(
        proposal.get_edit_url(), {**proposal_data(event), "title": "Just in time"}
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Just in time"


def test_a_visitor_in_tokyo_also_sees_the_deadline_in_their_own_time(
    logged_in, event, time_machine
):
    time_machine.move_to(ONE_SECOND_LATE, tick=False)

    response = logged_in.get(SUBMIT_URL, {"tz": "Asia/Tokyo"})

    page = response.content.decode()
    assert "The call for posters is closed." in page
    assert f"(event time: {CLOSED_IN_LOS_ANGELES})" in strip_tags(page)
    assert f"It closed on {CLOSED_IN_TOKYO}" in strip_tags(page)
    assert "March 19, 2021" in page
    assert "3:59:59 PM JST" in page


def test_the_call_stays_open_through_the_last_second_of_the_day_daylight_saving_time_began():
    call = CallForPosters(deadline=datetime(2021, 3, 14, 23, 59, 59, tzinfo=LOS_ANGELES))
    last_second = datetime(2021, 3, 14, 23, 59, 59, tzinfo=LOS_ANGELES)
    next_day = datetime(2021, 3, 15, 0, 0, 0, tzinfo=LOS_ANGELES)

    assert last_second.utcoffset() == timedelta(hours=-7)
    assert call.is_open(at=last_second) is True
    assert call.is_open(at=next_day) is False
    assert call.is_open(at=last_second - timedelta(hours=24)) is True


def test_a_refused_late_proposal_also_names_the_deadline_in_the_visitors_zone(
    logged_in, event, time_machine
):
    time_machine.move_to(ONE_SECOND_LATE, tick=False)

    response = logged_in.post(f"{SUBMIT_URL}?tz=Asia/Tokyo", proposal_data(event))

    assert response.status_code == 403
    assert f"{CLOSED_IN_TOKYO} (event time: {CLOSED_IN_LOS_ANGELES})" in strip_tags(
        response.content.decode()
    )


def test_a_proposal_is_stamped_with_the_instant_the_deadline_was_checked_against(event, submitter):
    """Not the later moment the row is written: a proposal checked at the last instant never
    appears to have been made after the deadline."""
    last_instant = DEADLINE + timedelta(microseconds=999_999)

    poster = submit_poster(
        event=event,
        submitter=submitter,
        at=last_instant,
        **service_fields(event),
    )

    poster.refresh_from_db()
    assert poster.created_at == last_instant
    assert list(poster.status_changes.values_list("changed_at", flat=True)) == [last_instant]


def test_one_microsecond_after_the_last_second_the_call_is_closed(event, submitter):
    with pytest.raises(CallForPostersClosed):
        submit_poster(
            event=event,
            submitter=submitter,
            at=DEADLINE + timedelta(seconds=1),
            **service_fields(event),
        )

    assert PosterProposal.objects.exists() is False
