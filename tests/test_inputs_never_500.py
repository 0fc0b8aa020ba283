"""Whatever a visitor sends, the site answers without a server error.

Property-based (hypothesis): every public page with any query parameters and cookies, every
id in a URL, and every public form, filled with arbitrary text, numbers and bytes. A refusal
(400, 403, 404, 405, 429, a form with errors) is an answer; a 500 is a bug.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    AcceptedPosterFactory,
    ScheduledBreakoutFactory,
    UserFactory,
    set_edition_settings,
)
from tests.sessions.helpers import released

# Any Unicode a browser can send (no lone surrogates, which no encoding can carry).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
NUMBERS = st.integers(min_value=-(10**30), max_value=10**30).map(str)
VALUES = st.one_of(TEXT, NUMBERS, st.sampled_from(["", "0", "-1", "1e9", "../", "%00", "\x00"]))
PUBLIC_PAGES = [
    "/",
    "/schedule/",
    "/schedule.ics",
    "/schedule.json",
    "/schedule/mine/",
    "/schedule/mine.json",
    "/schedule/changes/",
    "/schedule/changes.json",
    "/schedule.xml",
    "/schedule.frab.json",
    "/posters/",
    "/speakers/",
    "/recap/",
    "/editions/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password-reset/",
    "/healthz",
]
EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def world(event):
    set_edition_settings(event, breakout_deadline=timezone.now() + timedelta(days=7))
    item = ScheduledBreakoutFactory(event=event)
    released(event)
    return {"event": event, "item": item, "poster": item.breakout.poster}


def answered(response):
    assert response.status_code < 500, (response.status_code, response.request)
    return response


@EXAMPLES
@given(page=st.sampled_from(PUBLIC_PAGES), params=st.dictionaries(TEXT, VALUES, max_size=4))
def test_any_query_string_on_a_public_page_gets_an_answer(world, page, params):
    answered(Client().get(page, params))


@EXAMPLES
@given(
    page=st.sampled_from(PUBLIC_PAGES),
    tz=VALUES,
    q=VALUES,
    topic=VALUES,
    page_number=VALUES,
    breakout_format=VALUES,
)
def test_the_parameters_pages_read_get_an_answer_whatever_their_value(
    world, page, tz, q, topic, page_number, breakout_format
):
    params = {"tz": tz, "q": q, "topic": topic, "page": page_number, "format": breakout_format}
    answered(Client().get(page, params))


@EXAMPLES
@given(
    page=st.sampled_from(PUBLIC_PAGES),
    cookies=st.dictionaries(
        st.sampled_from(["tz", "sessionid", "csrftoken", "messages", "x"]), VALUES, max_size=4
    ),
)
def test_any_cookie_gets_an_answer(world, page, cookies):
    client = Client()
    for name, value in cookies.items():
        # The browser sends UTF-8 bytes; a WSGI server hands them over decoded as latin-1.
        client.cookies[name] = value.encode().decode("latin-1")
    answered(client.get(page))


ID_PAGES = [
    "/posters/{}/",
    "/schedule/{}/",
    "/schedule/{}.ics",
    "/me/posters/{}/",
    "/me/posters/{}/edit/",
    "/me/posters/{}/image/",
    "/me/posters/{}/tending/",
    "/me/posters/{}/withdraw/",
    "/me/breakouts/{}/",
    "/me/breakouts/{}/withdraw/",
]


@EXAMPLES
@given(page=st.sampled_from(ID_PAGES), number=st.integers(min_value=0, max_value=10**40))
def test_any_id_in_a_url_gets_an_answer(world, page, number):
    client = Client()
    client.force_login(world["poster"].submitter)
    answered(client.get(page.format(number)))
    answered(client.post(page.format(number), {}))


@EXAMPLES
@given(
    form=st.fixed_dictionaries(
        {},
        optional={
            "name": VALUES,
            "email": VALUES,
            "password1": VALUES,
            "password2": VALUES,
            "next": VALUES,
        },
    )
)
def test_any_sign_up_gets_an_answer(settings, world, form):
    settings.SIGNUP_RATE = "100000/h"
    answered(Client().post("/accounts/signup/", form))


@EXAMPLES
@given(username=VALUES, password=VALUES, next_url=VALUES)
def test_any_log_in_gets_an_answer(world, username, password, next_url):
    answered(
        Client().post(
            "/accounts/login/", {"username": username, "password": password, "next": next_url}
        )
    )


@EXAMPLES
@given(email=VALUES)
def test_any_password_reset_gets_an_answer(settings, world, email):
    settings.PASSWORD_RESET_RATE = "100000/h"
    answered(Client().post("/accounts/password-reset/", {"email": email}))


@EXAMPLES
@given(
    form=st.fixed_dictionaries(
        {},
        optional={
            "title": VALUES,
            "summary": VALUES,
            "authors-TOTAL_FORMS": VALUES,
            "authors-INITIAL_FORMS": VALUES,
            "authors-0-name": VALUES,
            "authors-0-email": VALUES,
            "authors-1-name": VALUES,
            "authors-1-DELETE": VALUES,
            "topic": VALUES,
            "link": VALUES,
        },
    )
)
def test_any_poster_proposal_gets_an_answer(world, form):
    client = Client()
    client.force_login(UserFactory())
    answered(client.post("/posters/submit/", form))


@EXAMPLES
@given(
    form=st.fixed_dictionaries(
        {},
        optional={
            "poster": VALUES,
            "title": VALUES,
            "description": VALUES,
            "format": VALUES,
            "preferred_track": VALUES,
        },
    )
)
def test_any_breakout_proposal_gets_an_answer(world, form):
    poster = AcceptedPosterFactory(event=world["event"])
    client = Client()
    client.force_login(poster.submitter)
    answered(client.post("/breakouts/propose/", form))


@EXAMPLES
@given(tracks=st.lists(VALUES, max_size=3), content=st.binary(max_size=2048))
def test_any_tending_choice_or_uploaded_file_gets_an_answer(world, tracks, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    poster = world["poster"]
    client = Client()
    client.force_login(poster.submitter)
    answered(client.post(f"/me/posters/{poster.pk}/tending/", {"tracks": tracks}))
    upload = SimpleUploadedFile("poster.png", content, content_type="image/png")
    answered(client.post(f"/me/posters/{poster.pk}/image/", {"image": upload}))


@EXAMPLES
@given(
    form=st.fixed_dictionaries({}, optional={"guid": VALUES, "starred": VALUES, "next": VALUES}),
    guids=st.lists(VALUES, max_size=5),
    signed_in=st.booleans(),
)
def test_any_star_or_merge_gets_an_answer(world, form, guids, signed_in):
    client = Client()
    if signed_in:
        client.force_login(world["poster"].submitter)
    answered(client.post("/schedule/star", form))
    answered(client.post("/schedule/star", form, HTTP_ACCEPT="application/json"))
    answered(client.post("/schedule/mine/merge", {"guid": guids}))


@EXAMPLES
@given(
    name=st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="/?#"), min_size=1, max_size=80
    )
)
def test_any_feed_secret_or_session_name_gets_an_answer(world, name):
    from urllib.parse import quote

    answered(Client().get(f"/schedule/mine/{quote(name)}.ics"))
    answered(Client().get(f"/schedule/{quote(name)}.ics"))


@EXAMPLES
@given(
    form=st.fixed_dictionaries(
        {}, optional={"affiliation": VALUES, "bio": VALUES, "remove_photo": VALUES}
    )
)
def test_any_profile_form_gets_an_answer(world, form):
    client = Client()
    client.force_login(world["poster"].submitter)
    answered(client.post("/me/profile/", form))


# A slot is "<session>-<room>-<Unix seconds>": any text, or three numbers of any size.
SLOTS = st.one_of(
    VALUES, st.tuples(*[st.integers(min_value=0, max_value=10**12).map(str)] * 3).map("-".join)
)


@EXAMPLES
@given(
    event=VALUES,
    form=st.fixed_dictionaries(
        {},
        optional={"event": VALUES, "breakout": VALUES, "slot": SLOTS, "unschedule": VALUES},
    ),
)
def test_any_choice_in_the_schedule_editor_gets_an_answer(world, event, form):
    client = Client()
    client.force_login(UserFactory(groups=["Organizers"]))
    answered(client.get("/admin/breakouts/scheduleitem/editor/", {"event": event}))
    answered(client.post("/admin/breakouts/scheduleitem/editor/", form))
