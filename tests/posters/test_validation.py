"""Every field's bad input is refused with a clear message, and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError

from posters import services
from posters.call import CallForPosters
from posters.models import PosterProposal
from tests.factories import EventFactory, PosterProposalFactory, TopicFactory, set_edition_settings
from tests.posters.authors import author_fields

SUBMIT_URL = "/posters/submit/"
SUMMARY_MIN = 100  # an event's defaults
SUMMARY_MAX = 3000
SUMMARY = "x" * SUMMARY_MIN
# The length of real accepted summaries in the 2021 catalogue that a 200 minimum refused.
REAL_2021_SUMMARY = (
    "A library of reusable PyTorch building blocks for 3D deep learning: meshes, point "
    "clouds and differentiable rendering, for researchers."
)


def proposal_data(event, authors=("Ada Lovelace",), **changes):
    return {
        "title": "TorchTrace",
        "summary": SUMMARY,
        **author_fields(*authors),
        "topic": event.topics.get(name="NLP").pk,
        "link": "https://github.com/example/torchtrace",
        **changes,
    }


def submit(client, event, **changes):
    response = client.post(SUBMIT_URL, proposal_data(event, **changes))
    assert response.status_code == 200
    assert PosterProposal.objects.count() == 0
    return response


def errors_on(response, field):
    return response.context["form"].errors.get(field)


def author_errors(response):
    return list(response.context["form"].author_rows.non_form_errors())


def test_the_minimal_valid_proposal_is_accepted(logged_in, event):
    response = logged_in.post(SUBMIT_URL, proposal_data(event, link=""))

    assert response.status_code == 302
    assert PosterProposal.objects.get().title == "TorchTrace"


def test_an_empty_title_is_refused(logged_in, event):
    response = submit(logged_in, event, title="")

    assert errors_on(response, "title") == ["This field is required."]
    assert "This field is required." in response.content.decode()


def test_a_title_of_only_spaces_is_refused(logged_in, event):
    response = submit(logged_in, event, title="    ")

    assert errors_on(response, "title") == ["This field is required."]


def test_a_title_of_201_characters_is_refused(logged_in, event):
    response = submit(logged_in, event, title="T" * 201)

    message = "Ensure this value has at most 200 characters (it has 201)."
    assert errors_on(response, "title") == [message]
    assert message in response.content.decode()


def test_an_empty_summary_is_refused(logged_in, event):
    response = submit(logged_in, event, summary="")

    assert errors_on(response, "summary") == ["This field is required."]


def test_a_summary_shorter_than_the_minimum_is_refused(logged_in, event):
    response = submit(logged_in, event, summary="x" * (SUMMARY_MIN - 1))

    message = "Ensure this value has at least 100 characters (it has 99)."
    assert errors_on(response, "summary") == [message]
    assert message in response.content.decode()


def test_by_default_a_summary_as_short_as_the_real_2021_ones_is_accepted(logged_in, event):
    assert len(REAL_2021_SUMMARY) == 135

    response = logged_in.post(SUBMIT_URL, proposal_data(event, summary=REAL_2021_SUMMARY))

    assert response.status_code == 302
    assert PosterProposal.objects.get().summary == REAL_2021_SUMMARY


def test_the_form_follows_the_limits_organizers_set_for_the_event(logged_in, event):
    set_edition_settings(event, summary_min_length=150, summary_max_length=400)

    short = submit(logged_in, event, summary="x" * 149)
    long = submit(logged_in, event, summary="x" * 401)
    form = logged_in.get(SUBMIT_URL).content.decode()

    assert errors_on(short, "summary") == [
        "Ensure this value has at least 150 characters (it has 149)."
    ]
    assert errors_on(long, "summary") == [
        "Ensure this value has at most 400 characters (it has 401)."
    ]
    assert 'minlength="150"' in form
    assert 'maxlength="400"' in form
    assert "(150–400 characters)" in form


def test_the_services_enforce_the_event_limits_whoever_calls_them(event, submitter):
    set_edition_settings(event, summary_min_length=150)
    fields = {
        "title": "TorchTrace",
        "authors": "Ada Lovelace",
        "topic": event.topics.get(name="NLP"),
        "summary": "x" * 149,
    }

    try:
        services.submit_poster(event=event, submitter=submitter, **fields)
    except ValidationError as error:
        refused = error.message_dict
    poster = PosterProposalFactory(event=event, submitter=submitter, summary="y" * 200)
    try:
        services.update_poster(poster, by=submitter, summary="y" * 149)
    except ValidationError as error:
        refused_edit = error.message_dict

    message = ["Ensure this value has at least 150 characters (it has 149)."]
    assert refused == {"summary": message}
    assert refused_edit == {"summary": message}
    assert PosterProposal.objects.get().summary == "y" * 200


def test_organizers_cannot_set_a_minimum_above_the_maximum(client, organizer, event):
    client.force_login(organizer)
    data = {
        "name": event.name,
        "slug": event.slug,
        "date": event.date.isoformat(),
        "time_zone": event.time_zone,
        "is_current": "on",
        "call_for_posters-TOTAL_FORMS": 1,
        "call_for_posters-INITIAL_FORMS": 1,
        "call_for_posters-0-event": event.pk,
        "call_for_posters-0-deadline_0": "2031-03-18",
        "call_for_posters-0-deadline_1": "23:59:59",
        "call_for_posters-0-summary_min_length": 500,
        "call_for_posters-0-summary_max_length": 400,
        "call_for_posters-0-reviews_wanted": 2,
        "breakout_settings-TOTAL_FORMS": 1,
        "breakout_settings-INITIAL_FORMS": 1,
        "breakout_settings-0-event": event.pk,
        "breakout_settings-0-minutes": 40,
        "topics-TOTAL_FORMS": 0,
        "topics-INITIAL_FORMS": 0,
    }

    response = client.post(f"/admin/ecosystem_day/event/{event.pk}/change/", data)

    assert response.status_code == 200
    call_form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert call_form.non_field_errors() == [
        "The shortest summary must be at least 1 character and no longer than the longest, "
        "which can be at most 10,000."
    ]
    call = CallForPosters.objects.get(event=event)
    assert (call.summary_min_length, call.summary_max_length) == (100, 3000)


def test_a_summary_longer_than_the_maximum_is_refused(logged_in, event):
    response = submit(logged_in, event, summary="x" * (SUMMARY_MAX + 1))

    message = "Ensure this value has at most 3000 characters (it has 3001)."
    assert errors_on(response, "summary") == [message]
    assert message in response.content.decode()


def test_a_summary_of_exactly_the_maximum_length_is_accepted(logged_in, event):
    response = logged_in.post(SUBMIT_URL, proposal_data(event, summary="x" * SUMMARY_MAX))

    assert response.status_code == 302
    assert len(PosterProposal.objects.get().summary) == SUMMARY_MAX


def test_empty_authors_are_refused(logged_in, event):
    response = submit(logged_in, event, authors=("",))

    assert author_errors(response) == ["Name at least one author."]


def test_authors_of_only_blank_rows_are_refused(logged_in, event):
    response = submit(logged_in, event, authors=("   ", "\t", "  "))

    assert author_errors(response) == ["Name at least one author."]


def test_more_than_twenty_authors_are_refused(logged_in, event):
    names = [f"Author {n}" for n in range(21)]

    response = submit(logged_in, event, authors=names)

    assert author_errors(response) == ["Name at most 20 authors."]
    assert "Name at most 20 authors." in response.content.decode()


def test_a_topic_from_another_event_is_refused(logged_in, event):
    other = EventFactory(name="PyTorch Ecosystem Day 2020", is_current=False)
    robotics = TopicFactory(event=other, name="Robotics")

    response = submit(logged_in, event, topic=robotics.pk)

    message = "Select a valid choice. That choice is not one of the available choices."
    assert errors_on(response, "topic") == [message]
    assert message in response.content.decode()


@pytest.mark.parametrize("link", ["not a url", "javascript:alert(1)", "ftp://example.com/x"])
def test_a_link_that_is_not_http_or_https_is_refused(logged_in, event, link):
    response = submit(logged_in, event, link=link)

    assert errors_on(response, "link") == ["Enter a valid URL."]
    assert "Enter a valid URL." in response.content.decode()


def test_a_title_with_html_is_saved_as_typed_and_shown_escaped(logged_in, event):
    title = '<script>alert("x")</script>'

    response = logged_in.post(SUBMIT_URL, proposal_data(event, title=title))

    proposal = PosterProposal.objects.get()
    assert response.status_code == 302
    assert proposal.title == title
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    for url in ["/me/", proposal.get_absolute_url(), response.url]:
        page = logged_in.get(url).content.decode()
        assert escaped in page
        assert "<script>alert" not in page
