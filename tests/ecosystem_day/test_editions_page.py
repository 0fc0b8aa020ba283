"""/editions/ lists every edition with links into it: the current one at the root, past
ones at /<slug>/…, their recap once their day is over; `past_editions` offers the same to
any template, without a query unless a page uses it."""

from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from ecosystem_day.event.editions_pages import past_editions_in_templates
from ecosystem_day.event.models import Event
from tests.factories import EventFactory


@pytest.fixture
def two_editions(db):
    past = EventFactory(name="PyTorch Ecosystem Day 2021", slug="2021", date=date(2021, 4, 21))
    Event.objects.filter(pk=past.pk).update(is_current=False)
    current = EventFactory(name="PyTorch Ecosystem Day 2027", slug="2027")
    return Event.objects.get(pk=past.pk), current


def links_of(page, slug):
    block = page.split(f'data-edition="{slug}"')[1].split("</li>")[0]
    return [part.split('"')[0] for part in block.split('href="')[1:]]


def test_the_editions_page_links_the_current_edition_at_the_root_and_past_ones_by_slug(
    two_editions, client
):
    page = client.get("/editions/").content.decode()

    assert links_of(page, "2027") == ["/", "/schedule/", "/posters/", "/speakers/"]
    assert links_of(page, "2021") == [
        "/2021/",
        "/2021/schedule/",
        "/2021/posters/",
        "/2021/speakers/",
        "/2021/recap/",
    ]
    assert page.index('data-edition="2027"') < page.index('data-edition="2021"')


def test_a_past_editions_page_links_to_the_editions_page_at_the_root(two_editions, client):
    template = Template(
        "{% for edition in past_editions %}{{ edition.event.slug }} {{ edition.home }};{% endfor %}"
    )

    shown = template.render(Context(past_editions_in_templates(RequestFactory().get("/"))))

    assert shown == "2021 /2021/;"


def test_past_editions_costs_no_query_until_a_template_uses_it(
    two_editions, django_assert_num_queries
):
    with django_assert_num_queries(0):
        context = past_editions_in_templates(RequestFactory().get("/"))
    with django_assert_num_queries(1):
        assert [edition.event.slug for edition in context["past_editions"]] == ["2021"]


@pytest.mark.parametrize("count", [10, 1000])
def test_the_editions_page_costs_the_same_queries_for_10_or_1000_editions(
    db, client, count, django_assert_num_queries
):
    EventFactory(slug="current")
    template = EventFactory.build()
    Event.objects.bulk_create(
        Event(
            name=f"Edition {n}",
            slug=f"edition-{n}",
            date=timezone.localdate() - timedelta(days=365 + n),
            time_zone=template.time_zone,
        )
        for n in range(count)
    )

    with django_assert_num_queries(2):
        response = client.get("/editions/")

    assert response.content.decode().count("data-edition=") == count + 1


@pytest.mark.parametrize("path", ["/", "/schedule/", "/me/profile/", "/2021/", "/2021/speakers/"])
def test_every_page_links_to_all_editions_from_its_footer(two_editions, client, path):
    from tests.factories import UserFactory

    client.force_login(UserFactory())  # /me/profile/ asks for it; the others serve both
    footer = client.get(path).content.decode().split("<footer", 1)[1]

    assert footer.count('<a href="/editions/">All editions</a>') == 1


def test_a_signed_in_visitor_has_my_profile_next_to_my_proposals_in_the_account_menu(
    two_editions, client
):
    from tests.factories import UserFactory
    from tests.sessions.helpers import page

    client.force_login(UserFactory())
    response = client.get("/schedule/")
    menu = page(response).one("class", "navbar-nav me-auto site-pages")
    account = page(response).one("class", "dropdown-menu dropdown-menu-end")

    assert [(a.text, a.attrs["href"]) for a in menu.find_all("href")] == [
        ("Schedule", "/schedule/"),
        ("My agenda", "/schedule/mine/"),
        ("Posters", "/posters/"),
        ("Speakers", "/speakers/"),
        ("Propose a poster", "/posters/submit/"),
    ]
    assert [(a.text, a.attrs["href"]) for a in account.find_all("href")] == [
        ("My proposals", "/me/"),
        ("My profile", "/me/profile/"),
    ]
    client.logout()
    site_menu = page(client.get("/schedule/")).one("id", "site-menu")
    assert "My profile" not in site_menu.text
