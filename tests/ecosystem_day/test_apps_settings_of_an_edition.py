"""Each app owns its settings of an edition: the posters' call (its guidance, deadline, summary
limits and reviews wanted) and the breakouts' deadline and length live in rows one-to-one with
the edition, made with it, edited on its admin page, carried over to the next one, and read
with it in the same query. The event layer holds none of them."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ecosystem_day.event.editions import NextEdition, start_next_edition
from ecosystem_day.event.models import Event
from posters.call import CallForPosters, call_for
from sessions.breakout_settings import BreakoutSettings, breakout_settings_for
from tests.factories import EventFactory, set_edition_settings

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def test_the_event_holds_its_date_zone_and_texts_and_none_of_the_apps_settings(db):
    assert [field.name for field in Event._meta.concrete_fields] == [
        "id",
        "name",
        "slug",
        "date",
        "time_zone",
        "tagline",
        "description",
        "is_current",
        "reopened_at",
        "reopened_by",
        "reopen_reason",
    ]


def test_the_current_edition_is_read_with_its_call_and_breakout_settings_in_one_query(
    db, django_assert_num_queries
):
    deadline = timezone.now() + timedelta(days=3)
    EventFactory(cfp_deadline=deadline, breakout_minutes=45)

    with django_assert_num_queries(1):
        current = Event.objects.current()
        seen = (call_for(current).deadline, breakout_settings_for(current).minutes)

    assert seen == (deadline, 45)


def edition_form(**changes):
    """The edition's admin page as an organizer fills it for a new edition."""
    return {
        "name": "PyTorch Ecosystem Day 2031",
        "slug": "2031",
        "date": "2031-04-16",
        "time_zone": "America/Los_Angeles",
        "call_for_posters-TOTAL_FORMS": 1,
        "call_for_posters-INITIAL_FORMS": 0,
        "call_for_posters-0-guidance": "Research and open-source projects only.",
        "call_for_posters-0-deadline_0": "2031-03-13",
        "call_for_posters-0-deadline_1": "23:59:59",
        "call_for_posters-0-summary_min_length": 100,
        "call_for_posters-0-summary_max_length": 3000,
        "call_for_posters-0-reviews_wanted": 2,
        "breakout_settings-TOTAL_FORMS": 1,
        "breakout_settings-INITIAL_FORMS": 0,
        "breakout_settings-0-minutes": 40,
        "topics-TOTAL_FORMS": 0,
        "topics-INITIAL_FORMS": 0,
        **changes,
    }


def test_an_edition_made_on_its_admin_page_gets_its_call_and_breakout_settings(
    client, organizer, event
):
    """The breakout settings are saved with their defaults untouched: every edition has one.
    Times are typed in the current edition's zone (`event`'s, Los Angeles)."""
    client.force_login(organizer)

    response = client.post("/admin/ecosystem_day/event/add/", edition_form())

    assert response.status_code == 302
    edition = Event.objects.get(slug="2031")
    call, breakouts = call_for(edition), breakout_settings_for(edition)
    assert (call.guidance, call.deadline, call.reviews_wanted) == (
        "Research and open-source projects only.",
        datetime(2031, 3, 13, 23, 59, 59, tzinfo=LOS_ANGELES),
        2,
    )
    assert (breakouts.deadline, breakouts.minutes) == (None, 40)


def test_an_edition_without_its_call_deadline_is_refused_on_its_admin_page(
    client, organizer, event
):
    client.force_login(organizer)

    response = client.post(
        "/admin/ecosystem_day/event/add/",
        edition_form(**{"call_for_posters-0-deadline_0": "", "call_for_posters-0-deadline_1": ""}),
    )

    assert response.status_code == 200
    [call_form] = response.context["inline_admin_formsets"][0].formset.forms
    assert call_form.errors == {"deadline": ["This field is required."]}
    assert Event.objects.filter(slug="2031").exists() is False


def test_the_next_edition_starts_with_a_copy_of_the_call_and_the_breakout_settings(event):
    set_edition_settings(
        event,
        call_guidance="Posters about PyTorch only.",
        summary_min_length=150,
        summary_max_length=900,
        reviews_wanted=3,
        breakout_deadline=call_for(event).deadline + timedelta(days=14),
        breakout_minutes=30,
    )
    later = event.date + timedelta(days=364)

    edition = start_next_edition(event, NextEdition(name="Next", slug="next", date=later))

    call, breakouts = call_for(edition), breakout_settings_for(edition)
    assert (call.guidance, call.summary_min_length, call.summary_max_length) == (
        "Posters about PyTorch only.",
        150,
        900,
    )
    assert (call.reviews_wanted, breakouts.minutes) == (3, 30)
    assert breakouts.deadline - call.deadline == timedelta(days=14)


LAST_BEFORE_THE_MOVE = [
    ("ecosystem_day", "0004_poster_deadline_nullable_while_it_moves"),
    ("posters", "0008_copresenters"),
    ("breakouts", "0007_breakout_review_scores_and_assignments"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.mark.django_db(transaction=True)
def test_the_settings_move_from_the_events_columns_to_their_apps_and_back_without_loss():
    deadline = datetime(2021, 3, 18, 23, 59, 59, tzinfo=LOS_ANGELES)
    columns = {
        "call_for_posters": "Research and open-source projects only.",
        "cfp_deadline": deadline,
        "summary_min_length": 150,
        "summary_max_length": 900,
        "reviews_wanted": 3,
        "breakout_deadline": deadline + timedelta(days=20),
        "breakout_minutes": 45,
    }
    try:
        before = migrate(LAST_BEFORE_THE_MOVE).get_model("ecosystem_day", "Event")
        before.objects.create(
            name="2021", slug="2021", date=date(2021, 4, 21), time_zone="UTC", **columns
        )
        migrate(None)
        call = CallForPosters.objects.get(event__slug="2021")
        breakouts = BreakoutSettings.objects.get(event__slug="2021")
        moved = (
            call.guidance,
            call.deadline,
            call.summary_min_length,
            call.summary_max_length,
            call.reviews_wanted,
            breakouts.deadline,
            breakouts.minutes,
        )

        back = migrate(LAST_BEFORE_THE_MOVE).get_model("ecosystem_day", "Event")
        restored = back.objects.filter(slug="2021").values(*columns).get()
    finally:
        migrate(None)

    assert moved == tuple(columns.values())
    assert restored == columns
