"""The organizers' desk: log in to it, see the event's work first, and the dashboard."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from post_office.models import STATUS, Email

from posters.call import call_for
from posters.models import PosterProposal
from tests.factories import (
    PASSWORD,
    AcceptedBreakoutFactory,
    BreakoutProposalFactory,
    PosterProposalFactory,
    ReviewFactory,
    ScheduledBreakoutFactory,
    TrackFactory,
    UserFactory,
)

Status = PosterProposal.Status


def log_in(client, user, next_url=None):
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/accounts/login/", data)


def test_an_organizer_logging_in_from_the_site_lands_on_the_admin(client, organizer):
    response = log_in(client, organizer)

    assert (response.status_code, response.url) == (302, "/admin/")


def test_a_reviewer_lands_on_the_admin_too(client, reviewer):
    assert log_in(client, reviewer).url == "/admin/"


def test_a_submitter_lands_on_their_proposals(client, submitter):
    assert log_in(client, submitter).url == "/me/"


def test_a_safe_next_still_wins_for_an_organizer(client, organizer):
    assert log_in(client, organizer, "/posters/").url == "/posters/"


def test_an_unsafe_next_is_ignored(client, organizer):
    assert log_in(client, organizer, "https://evil.example.org/").url == "/admin/"


def work_panel(response):
    """The index's work panel as (count, label, link) rows."""
    panel = re.search(r'<ul class="desk-work">(.*?)</ul>', response.content.decode(), re.S)
    return [
        (int(count), label.strip(), href.replace("&amp;", "&"))
        for href, count, label in re.findall(
            r'<a href="([^"]+)"><span class="count">(\d+)</span>([^<]+)</a>', panel.group(1)
        )
    ]


def test_the_index_shows_the_events_work_first_with_links_to_each_queue(client, organizer, event):
    waiting = PosterProposalFactory.create_batch(3, event=event)
    ReviewFactory(proposal=waiting[0])
    ReviewFactory(proposal=waiting[0])
    ReviewFactory(proposal=waiting[1], reviewer=organizer)
    PosterProposalFactory(event=event, status=Status.ACCEPTED)
    BreakoutProposalFactory(event=event)
    AcceptedBreakoutFactory(event=event)
    ScheduledBreakoutFactory(event=event)
    client.force_login(organizer)

    response = client.get("/admin/")

    e = f"event__id__exact={event.pk}"
    assert work_panel(response) == [
        (3, "Posters awaiting a decision", f"/admin/posters/posterproposal/?{e}&status=awaiting"),
        (
            2,
            "Posters awaiting reviews",
            f"/admin/posters/posterproposal/?{e}&status=awaiting&reviews=wanted",
        ),
        (
            2,
            "Posters you have not reviewed",
            f"/admin/posters/posterproposal/?{e}&status=awaiting&reviews=not-mine",
        ),
        (
            0,
            "Posters assigned to you",
            f"/admin/posters/posterproposal/?{e}&status=awaiting&reviews=assigned",
        ),
        (
            1,
            "Breakouts awaiting a decision",
            f"/admin/breakouts/breakoutproposal/?{e}&status=awaiting",
        ),
        (
            1,
            "Breakouts awaiting reviews",
            f"/admin/breakouts/breakoutproposal/?{e}&status=awaiting&reviews=wanted",
        ),
        (
            1,
            "Breakouts you have not reviewed",
            f"/admin/breakouts/breakoutproposal/?{e}&status=awaiting&reviews=not-mine",
        ),
        (
            0,
            "Breakouts assigned to you",
            f"/admin/breakouts/breakoutproposal/?{e}&status=awaiting&reviews=assigned",
        ),
        (
            1,
            "Accepted breakouts not on the schedule",
            f"/admin/breakouts/scheduleitem/editor/?event={event.pk}",
        ),
        (
            1,
            "Schedule changes not yet released",
            f"/admin/breakouts/schedulerelease/add/?event={event.pk}",
        ),
        (1, "Items on the schedule", f"/admin/breakouts/scheduleitem/?{e}"),
    ]
    assert '<a href="/admin/dashboard/">' in response.content.decode()


def test_a_reviewer_sees_what_to_review_and_no_decisions_or_dashboard(client, reviewer, event):
    PosterProposalFactory.create_batch(2, event=event)
    client.force_login(reviewer)

    response = client.get("/admin/")

    assert [(count, label) for count, label, _link in work_panel(response)] == [
        (2, "Posters awaiting reviews"),
        (2, "Posters you have not reviewed"),
        (0, "Posters assigned to you"),
        (0, "Breakouts awaiting reviews"),
        (0, "Breakouts you have not reviewed"),
        (0, "Breakouts assigned to you"),
        (0, "Items on the schedule"),
    ]
    assert "/admin/dashboard/" not in response.content.decode()


def test_the_event_apps_come_before_accounts_and_mail(client, organizer, event, django_user_model):
    admin = django_user_model.objects.create_superuser("root@example.org", PASSWORD, name="Root")
    client.force_login(admin)

    response = client.get("/admin/")

    assert [app["app_label"] for app in response.context["app_list"]] == [
        "posters",
        "breakouts",
        "ecosystem_day",
        "registration",
        "accounts",
        "auth",
        "axes",
        "post_office",
    ]


def test_the_index_says_when_there_is_no_current_event(client, organizer, db):
    client.force_login(organizer)

    content = client.get("/admin/").content.decode()

    assert "No current event" in content
    assert "desk-work" not in content


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/admin/breakouts/scheduleitem/add/", "starts_at"),
        ("/admin/breakouts/scheduleitem/add/", "ends_at"),
        ("/admin/ecosystem_day/track/add/", "starts_at"),
    ],
)
def test_every_admin_time_field_names_the_event_zone_and_labels_its_two_inputs(
    client, organizer, event, path, name
):
    client.force_login(organizer)

    content = client.get(path).content.decode()

    assert f'<label for="id_{name}_0">Date:</label>' in content
    assert f'<label for="id_{name}_1">Time (America/Los_Angeles):</label>' in content
    field = content.split(f'class="form-row field-{name}"')[1].split('class="form-row')[0]
    assert "Date and time in America/Los_Angeles, the event's time zone." in field


def test_the_event_form_names_the_zone_of_its_deadlines(client, organizer, event):
    client.force_login(organizer)

    content = client.get(f"/admin/ecosystem_day/event/{event.pk}/change/").content.decode()

    assert (
        '<label for="id_call_for_posters-0-deadline_1">Time (America/Los_Angeles):</label>'
        in content
    )
    assert '<label for="id_breakout_settings-0-deadline_0">Date:</label>' in content


def test_times_the_admin_shows_carry_their_zone(client, organizer, event):
    poster = PosterProposalFactory(event=event)
    PosterProposal.objects.filter(pk=poster.pk).update(
        created_at=datetime(2021, 3, 8, 20, 0, tzinfo=UTC)
    )
    client.force_login(organizer)

    content = client.get(f"/admin/posters/posterproposal/{poster.pk}/change/").content.decode()

    assert "March 8, 2021, noon PST" in content


# The dashboard


def test_the_dashboard_is_for_organizers_only(client, organizer, reviewer, submitter, event):
    client.force_login(submitter)
    assert client.get("/admin/dashboard/").url == "/admin/login/?next=/admin/dashboard/"
    client.force_login(reviewer)
    assert client.get("/admin/dashboard/").status_code == 403
    client.force_login(organizer)
    assert client.get("/admin/dashboard/").status_code == 200


def test_the_dashboard_counts_proposals_by_kind_and_status(client, organizer, event):
    for status, count in [(Status.SUBMITTED, 3), (Status.ACCEPTED, 2), (Status.WITHDRAWN, 1)]:
        PosterProposalFactory.create_batch(count, event=event, status=status)
    BreakoutProposalFactory(event=event)
    client.force_login(organizer)

    response = client.get("/admin/dashboard/")

    table = [
        (row["kind"], row["counts"], row["total"]) for row in response.context["proposal_table"]
    ]
    # Each breakout stands on an accepted poster of its own.
    assert table == [("Posters", [3, 3, 0, 0, 1], 7), ("Breakouts", [1, 0, 0, 0, 0], 1)]
    content = response.content.decode()
    assert "<title id=" in content and ">Proposals by kind and status</title>" in content
    assert (
        "Posters: 3 submitted, 3 accepted, 0 wait-listed, 0 not accepted, 1 withdrawn; "
        "Breakouts: 1 submitted, 0 accepted, 0 wait-listed, 0 not accepted, 0 withdrawn"
    ) in content


def test_the_dashboard_charts_submissions_per_day_up_to_the_deadline(client, organizer, event):
    deadline = timezone.localtime(call_for(event).deadline, event.tz)
    for days_before, count in [(2, 1), (0, 4)]:
        for poster in PosterProposalFactory.create_batch(count, event=event):
            PosterProposal.objects.filter(pk=poster.pk).update(
                created_at=deadline - timedelta(days=days_before, hours=1)
            )
    client.force_login(organizer)

    content = client.get("/admin/dashboard/").content.decode()

    first = deadline - timedelta(days=2, hours=1)
    last = deadline - timedelta(hours=1)
    today = timezone.localtime(timezone.now(), event.tz)
    assert (
        f"5 poster proposals from {today:%b %-d} to {deadline:%b %-d} (America/Los_Angeles); "
        f"the busiest day was {last:%b %-d}, with 4. The call closes on {deadline:%b %-d}."
    ) in content
    assert f"<title>{last:%b %-d}: 4 proposals</title>" in content
    assert f'<tr><th scope="row">{first:%b %-d}</th><td class="number">1</td></tr>' in content


def test_the_dashboard_shows_missing_reviews_per_reviewer(client, organizer, reviewer, event):
    posters = PosterProposalFactory.create_batch(3, event=event)
    ReviewFactory(proposal=posters[0], reviewer=reviewer)
    ReviewFactory(proposal=posters[0], reviewer=organizer)
    ReviewFactory(proposal=posters[1], reviewer=reviewer)
    client.force_login(organizer)

    response = client.get("/admin/dashboard/")

    content = response.content.decode()
    assert (
        "Of the 3 proposals awaiting a decision, <strong>2</strong> have fewer than 2 reviews."
    ) in content
    assert (
        '<tr><th scope="row">Olivia Organizer</th><td class="number">1</td>'
        '<td class="number">2</td></tr>'
    ) in content
    assert (
        '<tr><th scope="row">Ravi Reviewer</th><td class="number">2</td>'
        '<td class="number">1</td></tr>'
    ) in content


def test_the_dashboard_shows_breakouts_scheduled_versus_accepted(client, organizer, event):
    morning = TrackFactory(event=event, name="Morning (EMEA)")
    ScheduledBreakoutFactory(event=event, track=morning)
    AcceptedBreakoutFactory(event=event)
    client.force_login(organizer)

    content = client.get("/admin/dashboard/").content.decode()

    assert "<strong>1</strong> of 2 accepted breakouts is on the schedule" in content
    assert (
        "1 of 2 accepted breakouts are scheduled: 1 in Morning (EMEA); 1 not scheduled yet."
    ) in content


def test_the_dashboard_counts_mail_and_links_to_the_failed_ones_without_showing_any(
    client, organizer, event
):
    for status, count in [(STATUS.queued, 2), (STATUS.requeued, 1), (STATUS.failed, 1)]:
        for _ in range(count):
            Email.objects.create(
                from_email="noreply@example.org",
                to=["sam@example.org"],
                subject="Reset your password",
                message="https://example.org/reset/secret-token/",
                status=status,
            )
    client.force_login(organizer)

    response = client.get("/admin/dashboard/")

    assert response.context["mail"] == {"queued": 3, "failed": 1, "sent": 0}
    content = response.content.decode()
    assert "secret-token" not in content
    assert "Reset your password" not in content
    assert '<a href="/admin/post_office/email/?state=failed">Read the failed messages' in content


def make_proposals(event, count):
    submitter = UserFactory()
    template = PosterProposalFactory.build(event=event)
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=event,
            submitter=submitter,
            topic=event.topics.first(),
            title=f"Poster {n}",
            summary=template.summary,
            authors=template.authors,
            status=[Status.SUBMITTED, Status.ACCEPTED][n % 2],
        )
        for n in range(count)
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_the_dashboard_costs_the_same_queries_for_10_or_1000_proposals(
    client, organizer, event, count, django_assert_num_queries
):
    make_proposals(event, count)
    client.force_login(organizer)

    with django_assert_num_queries(26):  # four for registrations, three for attendance
        response = client.get("/admin/dashboard/")

    assert response.context["proposal_table"][0]["total"] == count


@pytest.mark.parametrize("count", [10, 1000])
def test_the_index_costs_the_same_queries_for_10_or_1000_proposals(
    client, organizer, event, count, django_assert_num_queries
):
    make_proposals(event, count)
    client.force_login(organizer)

    with django_assert_num_queries(15):  # the draft and the latest release: unreleased changes
        response = client.get("/admin/")

    assert work_panel(response)[0][0] == count // 2
