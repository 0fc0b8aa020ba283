"""What people type is data: stored without control characters, escaped on every page, never
read as a template in their emails; a past edition's registrations never change."""

import pytest
from django.utils import timezone

from ecosystem_day.event.frozen import PastEditionReadOnly
from ecosystem_day.registration import services
from ecosystem_day.registration.models import Answer, Question, Registration
from tests.factories import (
    EventFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    TrackFactory,
    UserFactory,
)
from tests.registration.conftest import form_data

HOSTILE = '<script>alert("x")</script>{{ settings.SECRET_KEY }}{% debug %}\x1b\x07 & ü'
STORED = '<script>alert("x")</script>{{ settings.SECRET_KEY }}{% debug %} & ü'


def test_hostile_text_in_every_field_is_stored_clean_escaped_and_mailed_as_typed(
    client, event, registration_open, morning, queued_mail
):
    question = Question.objects.create(event=event, label="Anything else?", kind="text")
    data = form_data([morning], name=HOSTILE, affiliation=HOSTILE)
    data[f"question_{question.pk}"] = HOSTILE

    client.post("/register/", data)

    registration = Registration.objects.get()
    assert (registration.name, registration.affiliation) == (STORED, STORED)
    assert Answer.objects.get().value == STORED
    message = queued_mail[0]
    assert message.body.startswith(f"Hello {STORED},\n")
    user = UserFactory(email="ada@example.org", email_verified_at=timezone.now())
    registration.user = user
    registration.save()
    client.force_login(user)
    page = client.get("/me/registration/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "\x1b" not in page and "\x07" not in page


def test_a_null_character_gets_a_clear_error_and_saves_nothing(client, registration_open, morning):
    response = client.post("/register/", form_data([morning], name="Ada\x00"))

    assert response.context["form"].errors == {"name": ["Null characters are not allowed."]}
    assert not Registration.objects.exists()


def test_an_overlong_or_multiline_name_is_refused_or_made_one_line(
    client, registration_open, morning
):
    too_long = client.post("/register/", form_data([morning], name="x" * 151))
    client.post("/register/", form_data([morning], name="Ada\r\nLovelace"))

    assert "name" in too_long.context["form"].errors
    assert Registration.objects.get().name == "Ada Lovelace"


@pytest.fixture
def past(db):
    """A past edition (2021) with a registration of its own, and a current edition."""
    edition = EventFactory(
        slug="2021", is_current=False, date=timezone.localdate().replace(year=2021)
    )
    track = TrackFactory(event=edition)
    RegistrationSettingsFactory(event=edition)
    user = UserFactory()
    registration = RegistrationFactory(event=edition, user=user, email=user.email, tracks=[track])
    EventFactory(slug="now")
    return registration


@pytest.mark.parametrize(
    "transition",
    [
        lambda r: services.cancel_registration(r, by=r.user),
        lambda r: services.forget_registration(r, by=r.user),
        lambda r: services.change_registration(
            r, by=r.user, tracks=list(r.tracks.all()), time_zone="UTC"
        ),
        lambda r: services.change_capacity(r.event, 5),
        lambda r: services.register(
            event=r.event,
            name="Late",
            email="late@example.org",
            tracks=list(r.tracks.all()),
            time_zone="UTC",
        ),
    ],
)
def test_a_past_editions_registrations_never_change(past, transition):
    before = list(Registration.objects.values())

    with pytest.raises(PastEditionReadOnly):
        transition(past)

    assert list(Registration.objects.values()) == before
