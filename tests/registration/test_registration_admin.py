"""Organizers' side: the registrations list (filters, search, CSV export, cancelling through
the transition), counts on the dashboard, and the fixed cost of the list."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from ecosystem_day.registration.models import Registration
from tests.factories import RegistrationFactory, RegistrationSettingsFactory


@pytest.fixture
def registrations(event, registration_open, morning, evening):
    return [
        RegistrationFactory(
            event=event, name="Ada", email="ada@example.org", country="GB", tracks=[morning]
        ),
        RegistrationFactory(
            event=event,
            name="Grace",
            email="grace@example.org",
            country="US",
            tracks=[morning, evening],
        ),
        RegistrationFactory(
            event=event,
            name='=HYPERLINK("x")',
            email="eve@example.org",
            country="US",
            tracks=[evening],
            status="wait_listed",
        ),
    ]


def test_organizers_filter_registrations_by_session_and_status(
    client, organizer, registrations, evening
):
    client.force_login(organizer)

    by_session = client.get(f"/admin/registration/registration/?tracks__id__exact={evening.pk}")
    by_status = client.get("/admin/registration/registration/?status__exact=wait_listed")
    searched = client.get("/admin/registration/registration/?q=grace")

    assert sorted(r.name for r in by_session.context["cl"].result_list) == [
        '=HYPERLINK("x")',
        "Grace",
    ]
    assert [r.name for r in by_status.context["cl"].result_list] == ['=HYPERLINK("x")']
    assert [r.name for r in searched.context["cl"].result_list] == ["Grace"]


def test_reviewers_see_no_registration(client, reviewer, registrations):
    client.force_login(reviewer)

    assert client.get("/admin/registration/registration/").status_code == 403


def test_the_csv_export_has_a_row_per_registration_safe_for_a_spreadsheet(
    client, organizer, registrations
):
    client.force_login(organizer)

    response = client.post(
        "/admin/registration/registration/",
        {"action": "export_csv", "_selected_action": [r.pk for r in registrations]},
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"] == 'attachment; filename="registrations.csv"'
    assert rows[0] == [
        "name",
        "email",
        "affiliation",
        "country",
        "sessions of the day",
        "time zone",
        "status",
        "registered at (UTC)",
        "answers",
    ]
    assert [row[:5] + row[6:7] for row in rows[1:]] == [
        ["Ada", "ada@example.org", "", "United Kingdom", "Morning (EMEA)", "Registered"],
        [
            "Grace",
            "grace@example.org",
            "",
            "United States of America",
            "Morning (EMEA); Evening (APAC / US)",
            "Registered",
        ],
        [
            '\'=HYPERLINK("x")',
            "eve@example.org",
            "",
            "United States of America",
            "Evening (APAC / US)",
            "On the wait list",
        ],
    ]


def test_cancelling_in_the_admin_goes_through_the_transition_and_frees_the_seat(
    client, event, organizer, morning, queued_mail
):
    RegistrationSettingsFactory(event=event, capacity=1)
    seat = RegistrationFactory(event=event, tracks=[morning])
    waiting = RegistrationFactory(event=event, tracks=[morning], status="wait_listed")
    client.force_login(organizer)

    client.post(
        "/admin/registration/registration/",
        {"action": "cancel_selected", "_selected_action": [seat.pk]},
    )

    assert dict(Registration.objects.values_list("pk", "status")) == {
        seat.pk: "cancelled",
        waiting.pk: "registered",
    }
    assert list(seat.changes.values_list("changed_by", "note")) == [
        (organizer.pk, "Cancelled by organizers.")
    ]
    assert len(queued_mail) == 2


def test_the_dashboard_counts_registrations_by_session_region_and_day(
    client, event, organizer, registrations
):
    Registration.objects.filter(name="Ada").update(
        created_at=datetime(2026, 3, 1, 7, 0, tzinfo=UTC)  # Feb 28 in Los Angeles
    )
    client.force_login(organizer)

    page = client.get("/admin/dashboard/").content.decode()

    assert "<caption>Registrations by status</caption>" in page
    assert (
        '<tr><th scope="row">Morning (EMEA)</th><td>2</td></tr>'
        '<tr><th scope="row">Evening (APAC / US)</th><td>2</td></tr>'
    ) in page
    assert '<tr><th scope="row">United States of America</th><td>2</td></tr>' in page
    assert '<tr><th scope="row">United Kingdom</th><td>1</td></tr>' in page
    assert "February 28: 1" in page


@pytest.mark.parametrize("count", [10, 1000])
def test_the_registrations_list_costs_the_same_queries_for_10_or_1000(
    client, event, organizer, registration_open, morning, count, django_assert_max_num_queries
):
    created = Registration.objects.bulk_create(
        Registration(
            event=event,
            name=f"Person {n}",
            email=f"p{n}@example.org",
            time_zone="UTC",
            code_of_conduct_accepted_at=timezone.now(),
        )
        for n in range(count)
    )
    Registration.tracks.through.objects.bulk_create(
        Registration.tracks.through(registration=r, track=morning) for r in created
    )
    client.force_login(organizer)

    with django_assert_max_num_queries(14):
        response = client.get("/admin/registration/registration/")

    assert response.context["cl"].result_count == count
