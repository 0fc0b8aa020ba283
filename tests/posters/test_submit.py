"""A logged-in submitter proposes a poster for the current edition."""

import re
from datetime import UTC, datetime, timedelta

from django.core import mail
from post_office.models import STATUS, Email

from posters.call import call_for
from posters.models import PosterProposal, StatusChange
from tests.factories import EventFactory, TopicFactory
from tests.posters.authors import author_fields

SUBMIT_URL = "/posters/submit/"
SUMMARY = "A library that helps PyTorch researchers run reproducible experiments. " * 4


def valid_proposal(event, **changes):
    return {
        "title": "TorchTrace: reproducible training runs",
        "summary": SUMMARY,
        **author_fields("Ada Lovelace", "Alan Turing"),
        "topic": event.topics.get(name="NLP").pk,
        "link": "https://github.com/example/torchtrace",
        **changes,
    }


def test_the_submit_page_shows_the_form_the_call_text_and_how_long_is_left(logged_in, time_machine):
    now = datetime(2021, 3, 1, 12, 0, tzinfo=UTC)
    time_machine.move_to(now, tick=False)
    event = EventFactory(cfp_deadline=now + timedelta(days=3, hours=4))
    TopicFactory(event=event, name="NLP")

    response = logged_in.get(SUBMIT_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'<form[^>]*method="post"', page)
    assert 'name="title"' in page
    assert "Propose a poster for PyTorch Ecosystem Day 2021" in page
    assert "The focus must be on academic papers" in page
    assert "The call for posters closes in <strong>3\xa0days, 4\xa0hours</strong>" in page


def test_a_valid_proposal_is_saved_as_submitted_and_leads_to_its_confirmation_page(
    logged_in, event, submitter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(SUBMIT_URL, valid_proposal(event))

    proposal = PosterProposal.objects.get()
    assert response.status_code == 302
    assert response.url == f"/me/posters/{proposal.pk}/submitted/"
    assert proposal.submitter == submitter
    assert proposal.event == event
    assert proposal.status == "submitted"
    assert proposal.title == "TorchTrace: reproducible training runs"
    assert proposal.authors == "Ada Lovelace\nAlan Turing"
    assert proposal.topic.name == "NLP"

    confirmation = logged_in.get(response.url)
    assert confirmation.status_code == 200
    assert "“TorchTrace: reproducible training runs” is <strong>submitted</strong>" in (
        confirmation.content.decode()
    )


def test_submitting_records_the_first_history_entry(
    logged_in, event, submitter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(SUBMIT_URL, valid_proposal(event))

    history = list(
        StatusChange.objects.values_list(
            "proposal__title", "changed_by", "from_status", "to_status"
        )
    )
    assert history == [("TorchTrace: reproducible training runs", submitter.pk, "", "submitted")]


def test_the_submitter_receives_one_confirmation_email_once_the_proposal_is_saved(
    logged_in, event, queued_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(SUBMIT_URL, valid_proposal(event))

    assert len(queued_mail) == 1
    assert mail.outbox == []  # queued for the mail worker, not sent inside the request
    message = queued_mail[0]
    assert message.to == ["sam@example.org"]
    assert (
        message.subject
        == "We received your poster proposal: TorchTrace: reproducible training runs"
    )
    proposal = PosterProposal.objects.get()
    assert f"http://127.0.0.1:8000/me/posters/{proposal.pk}/" in message.body
    assert list(Email.objects.values_list("status", "to", "subject")) == [
        (
            STATUS.queued,
            ["sam@example.org"],
            "We received your poster proposal: TorchTrace: reproducible training runs",
        )
    ]


def test_anonymous_visitors_are_sent_to_log_in_first(client, event):
    response = client.get(SUBMIT_URL)

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/posters/submit/"


def test_an_anonymous_post_is_sent_to_log_in_and_saves_nothing(client, event):
    response = client.post(SUBMIT_URL, valid_proposal(event))

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/posters/submit/"
    assert PosterProposal.objects.count() == 0


def test_the_topic_list_offers_only_the_current_events_topics(logged_in, event):
    past = EventFactory(name="PyTorch Ecosystem Day 2020", is_current=False)
    TopicFactory(event=past, name="Robotics")

    response = logged_in.get(SUBMIT_URL)

    topics = response.context["form"].fields["topic"].queryset
    assert [topic.name for topic in topics] == ["Compilers", "NLP"]
    assert "Robotics" not in response.content.decode()


def test_a_submission_costs_a_fixed_number_of_queries_however_large_the_call(
    logged_in, event, django_assert_num_queries, time_machine
):
    """The deadline surge's unit of work: the session, the submitter, the event as it is now,
    the topic (the form's choice, then its existence), the form's one constraint check (a
    title; the authors are the form's rows, checked without a query), then
    the proposal, its first history entry and its confirmation email in one transaction (here
    the test's savepoints). The other constraints are PostgreSQL's alone: asked first, they
    cost 21 more queries a submission."""
    time_machine.move_to(call_for(event).deadline - timedelta(days=1), tick=False)
    proposal = valid_proposal(event)

    with django_assert_num_queries(14):
        response = logged_in.post(SUBMIT_URL, proposal)

    assert response.status_code == 302
    assert PosterProposal.objects.get().title == "TorchTrace: reproducible training runs"
