"""Past editions keep their public pages at /<slug>/…, exactly as they were.

The demo is seeded once for the module (2021 as a past edition at /2021/, the next one
current at the root), with 8 posters an edition so that seeding is quick; each test reads,
or changes and rolls back, that one database.
"""

import re
from datetime import date
from io import StringIO
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosystem_day.event.addresses import reserved_segments
from ecosystem_day.event.editions import NextEdition, start_next_edition
from ecosystem_day.event.editions_middleware import PUBLIC_PAGES
from ecosystem_day.event.models import Event
from tests.factories import EventFactory
from tests.test_url_role_matrix import every_url_pattern

LINK = re.compile(r'(?:href|action)="(/[^"]*)"')
# Links that lead out of an edition on purpose: the site's accounts, the visitor's own pages.
SITE_WIDE = ("/accounts/", "/admin/", "/me/", "/static/", "/media/", "/editions/", "/favicon")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", stage="over", posters=8, stdout=StringIO())
        yield
        call_command("flush", "--no-input")


@pytest.fixture
def past(seeded, db):
    return Event.objects.get(slug="2021")


def public_urls(event):
    """Every public page of an edition, at its address, with real ids."""
    item = event.schedule_items.filter(kind="breakout").first()
    poster = event.posters.filter(status="accepted").first()
    prefix = "/" if event.is_current else f"/{event.slug}/"
    routes = {
        "home": "",
        "schedule": "schedule/",
        "schedule_ics": "schedule.ics",
        "schedule_json": "schedule.json",
        "schedule_item": f"schedule/{item.pk}/",
        "schedule_item_ics": f"schedule/{item.pk}.ics",
        "speakers": "speakers/",
        "poster_catalogue": "posters/",
        "poster_public": f"posters/{poster.pk}/",
        "recap": "recap/",
        "schedule_xml": "schedule.xml",
        "schedule_frab_json": "schedule.frab.json",
        "schedule_changes": "schedule/changes/",
        "schedule_changes_json": "schedule/changes.json",
        "track_ics": f"schedule/{event.tracks.order_by('position').first().slug}.ics",
    }
    assert set(routes) == PUBLIC_PAGES
    return {name: prefix + route for name, route in routes.items()}


def test_a_past_editions_pages_show_its_own_data_with_links_that_stay_in_it(past, client):
    current = Event.objects.current()

    for name, url in public_urls(past).items():
        response = client.get(url)

        assert response.status_code == 200, url
        assert response.wsgi_request.current_event == past
        if response["Content-Type"].startswith("text/html"):
            page = response.content.decode()
            assert "PyTorch Ecosystem Day 2021" in page
            # the current edition is named once: the past schedule's link to it
            assert page.count(current.name) <= 1
            links = [link for link in LINK.findall(page) if not link.startswith(SITE_WIDE)]
            outside = [link for link in links if not link.startswith("/2021/")]
            if name == "schedule":  # a past schedule links to the current edition's, once
                outside.remove("/schedule/")
            assert links and not outside, (name, outside)


def test_the_catalogue_at_2021_lists_2021s_posters_and_the_root_the_current_ones(past, client):
    current = Event.objects.current()
    one_of_2021 = past.posters.filter(status="accepted").first()
    one_of_now = current.posters.filter(status="accepted").first()

    at_2021 = client.get(f"/2021/posters/{one_of_2021.pk}/")
    now_under_2021 = client.get(f"/2021/posters/{one_of_now.pk}/")
    now_at_root = client.get(f"/posters/{one_of_now.pk}/")

    assert (at_2021.status_code, now_under_2021.status_code, now_at_root.status_code) == (
        200,
        404,
        200,
    )


def test_links_to_log_in_from_a_past_edition_lead_to_the_sites_own_pages(past, client):
    page = client.get("/2021/schedule/").content.decode()

    assert 'href="/accounts/login/"' in page
    assert 'href="/accounts/signup/"' in page


def test_starting_another_edition_leaves_a_past_editions_pages_byte_identical(past, client):
    urls = public_urls(past)
    before = {url: client.get(url).content for url in urls.values()}

    start_next_edition(
        Event.objects.current(),
        NextEdition(name="PyTorch Ecosystem Day 2040", slug="2040", date=date(2040, 4, 18)),
    )
    cache.clear()
    after = {url: client.get(url).content for url in urls.values()}

    assert after == before


def test_pages_that_are_not_public_answer_404_under_a_past_edition(past, client, django_user_model):
    client.force_login(django_user_model.objects.get(email="organizer@example.com"))
    public = {route for name, route in every_url_pattern() if name in PUBLIC_PAGES}
    others = sorted(
        {
            route.split("<")[0].split("(")[0]
            for name, route in every_url_pattern()
            if name not in PUBLIC_PAGES
        }
        - public  # "schedule/<int:pk>/join" cut at its parameter is the public "schedule/"
    )
    item = past.schedule_items.order_by("pk").first()
    others.append(f"schedule/{item.pk}/join")  # Join is the current edition's only

    statuses = {route: client.get(f"/2021/{route}").status_code for route in others}

    assert "posters/submit/" in statuses and "admin/" in statuses and "me/" in statuses
    assert statuses == dict.fromkeys(others, 404)


def test_the_current_editions_slug_is_not_a_second_address_for_it(past, client):
    current = Event.objects.current()

    assert client.get(f"/{current.slug}/schedule/").status_code == 404
    assert client.get("/schedule/").status_code == 200


def test_a_past_editions_cached_page_follows_a_change_to_that_edition(
    past, client, django_capture_on_commit_callbacks
):
    poster = past.posters.filter(status="accepted").order_by("pk").first()
    assert poster.title in client.get("/2021/posters/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        poster.title = "Renamed after the day"
        poster.save()

    page = client.get("/2021/posters/").content.decode()
    assert "Renamed after the day" in page


def test_a_past_editions_page_from_the_cache_costs_no_query(
    past, client, django_assert_num_queries
):
    first = client.get("/2021/schedule/")

    with django_assert_num_queries(0):
        again = client.get("/2021/schedule/")

    assert (again.status_code, again.content) == (200, first.content)


def test_an_edition_moved_to_another_address_or_added_is_served_there_at_once(
    past, client, django_capture_on_commit_callbacks
):
    assert client.get("/2021/schedule/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        past.slug = "pted-2021"
        past.save()
        EventFactory(name="PyTorch Developer Day 2020", slug="2020", is_current=False)

    assert client.get("/2021/schedule/").status_code == 404
    moved = client.get("/pted-2021/schedule/")
    assert (moved.status_code, moved.context["event"].pk) == (200, past.pk)
    added = client.get("/2020/")
    assert (added.status_code, added.context["event"].slug) == (200, "2020")


def test_an_edition_made_current_leaves_its_past_address_and_takes_the_root(
    past, client, django_capture_on_commit_callbacks
):
    assert client.get("/2021/schedule/").status_code == 200
    current = Event.objects.current()

    with django_capture_on_commit_callbacks(execute=True):
        current.is_current = False
        current.save()
        past.is_current = True
        past.save()

    assert client.get("/2021/schedule/").status_code == 404
    assert client.get("/schedule/").context["event"].pk == past.pk
    assert client.get(f"/{current.slug}/schedule/").context["event"].pk == current.pk


def test_rows_of_a_past_edition_link_to_its_pages_and_the_current_ones_to_the_root(past):
    from posters.models import PosterProposal
    from sessions.models import ScheduleItem

    current = Event.objects.current()
    links = {}
    for event in (past, current):
        item_pk = event.schedule_items.filter(kind="breakout").values_list("pk", flat=True)[0]
        poster_pk = event.posters.filter(status="accepted").values_list("pk", flat=True)[0]
        prefix = "/" if event.is_current else f"/{event.slug}/"
        expected = [prefix, f"{prefix}schedule/{item_pk}/", f"{prefix}posters/{poster_pk}/"]
        # whether or not the row's event is already loaded
        for item, poster in [
            (ScheduleItem.objects.get(pk=item_pk), PosterProposal.objects.get(pk=poster_pk)),
            (event.schedule_items.get(pk=item_pk), event.posters.get(pk=poster_pk)),
        ]:
            links[event.slug] = [
                event.get_absolute_url(),
                item.get_absolute_url(),
                poster.get_public_url(),
            ]
            assert links[event.slug] == expected
    for urls in links.values():
        for url in urls:
            assert Client().get(url).status_code == 200, url


def test_a_past_editions_breakout_seen_from_my_proposals_links_to_its_schedule_page(past, client):
    from ecosystem_day.accounts.models import User

    client.force_login(User.objects.get(email="submitter@example.com"))
    breakout = past.breakouts.get(submitter__email="submitter@example.com")

    page = client.get(breakout.get_absolute_url()).content.decode()

    item_url = f"/2021/schedule/{breakout.schedule_item.pk}/"
    assert f'href="{item_url}"' in page
    client.logout()
    assert client.get(item_url).status_code == 200


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(segment=st.text(st.characters(exclude_categories=("Cs",)), max_size=60))
def test_any_first_segment_gets_an_answer(past, segment):
    for path in (f"/{quote(segment)}/", f"/{quote(segment)}/schedule/", f"/{quote(segment)}"):
        assert Client().get(path).status_code < 500, path


def test_every_first_segment_of_the_sites_urls_is_reserved():
    first_segments = {
        str(pattern.pattern).lstrip("^").split("/")[0]
        for pattern in get_resolver().url_patterns
        if str(pattern.pattern)
    }

    assert {"admin", "accounts", "healthz", "livez"} <= first_segments
    slug_like = {segment for segment in first_segments if "." not in segment}  # not favicon.ico
    assert slug_like - reserved_segments() == set()
    assert {"posters", "schedule", "speakers", "me", "breakouts", "recap", "static"} <= (
        reserved_segments()
    )


@pytest.mark.parametrize("slug", ["schedule", "Admin", "posters", "static", "recap", "healthz"])
def test_an_edition_cannot_take_the_address_of_the_sites_own_pages(past, slug):
    edition = Event(
        name="Mistaken",
        slug=slug,
        date=date(2030, 4, 17),
        time_zone="America/Los_Angeles",
    )

    with pytest.raises(ValidationError) as refused:
        edition.full_clean()

    assert refused.value.message_dict["slug"][-1] == (
        f"“{slug}” is the address of the site's own pages (/{slug}/); choose another, "
        "such as the edition's year."
    )


def test_starting_an_edition_at_a_reserved_address_is_refused(past):
    with pytest.raises(ValidationError) as refused:
        start_next_edition(
            past, NextEdition(name="Speakers day", slug="speakers", date=date(2030, 4, 17))
        )

    assert "is the address of the site's own pages" in str(refused.value)
    assert not Event.objects.filter(slug="speakers").exists()
