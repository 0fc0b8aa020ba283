"""A time zone name comes from strangers (?tz=, a cookie, the admin): one parser, never a 500.

The zone database holds folders (America, Etc, US) beside zones; naming a folder once made
every page answer 500.
"""

import pytest

from ecosystem_day.infra.timezones import parse_time_zone

FOLDERS_AND_NONSENSE = ["Etc", "US", "America", "America/", "../../etc/passwd", "", "UTC\x00"]
PAGES = ["/", "/healthz", "/schedule/", "/posters/", "/speakers/", "/accounts/login/"]


@pytest.mark.parametrize("name", FOLDERS_AND_NONSENSE + [None, 42, "x" * 10_000])
def test_the_parser_returns_none_for_anything_that_is_not_a_zone(name):
    assert parse_time_zone(name) is None


def test_the_parser_knows_real_zones():
    assert parse_time_zone("Asia/Tokyo").key == "Asia/Tokyo"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", ["Etc", "US", "America"])
def test_a_folder_of_the_zone_database_as_tz_is_ignored_on_every_page(client, event, page, name):
    assert client.get(page, {"tz": name}).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_a_folder_in_the_tz_cookie_is_ignored_on_every_page(client, event, page):
    client.cookies["tz"] = "America"

    assert client.get(page).status_code == 200


def test_an_organizer_who_types_a_folder_as_the_events_zone_gets_a_form_error(
    client, organizer, event
):
    from tests.ecosystem_day.test_cache_versions import form_values

    client.force_login(organizer)
    url = f"/admin/ecosystem_day/event/{event.pk}/change/"
    form = form_values(client.get(url).content.decode())

    response = client.post(url, {**form, "time_zone": "America"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["time_zone"] == [
        "“America” is not an IANA time zone name, such as Europe/Paris."
    ]
    event.refresh_from_db()
    assert event.time_zone == "America/Los_Angeles"


def test_an_unknown_zone_is_not_kept_in_the_shared_page_cache(client, event):
    """The page names the zone the visitor typed; the next visitor must not see it."""
    first = client.get("/", {"tz": "Call-+1-555-0100-to-claim-your-prize"})
    assert "Call-+1-555-0100-to-claim-your-prize" in first.content.decode()

    second = client.get("/", {"tz": "Call-+1-555-0100-to-claim-your-prize"}, headers={})
    next_visitor = client.get("/")

    assert "Call-+1-555-0100" not in next_visitor.content.decode()
    assert second.status_code == 200
