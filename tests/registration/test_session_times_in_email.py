"""The confirmation email gives each session in the registrant's zone, then "(event time: …)"
where the event's zone tells another time; organizers' earlier edited wording still renders.

The day: Wednesday, April 21, 2027 in Los Angeles (PDT); Morning 8:00–12:00, Evening
17:00–20:00 in the event's zone."""

from post_office.models import EmailTemplate

from ecosystem_day.infra.mail.registry import install_templates
from ecosystem_day.registration.emails import PREVIOUS_WORDINGS, TEMPLATES
from tests.registration.conftest import form_data


def _sessions_in_mail(message):
    return message.body.split("in your time zone")[1].split("\n\n")[1]


def test_a_registrant_in_tokyo_is_mailed_each_session_in_tokyo_and_its_event_time(
    client, april_day, queued_mail
):
    client.post("/register/", form_data(list(april_day.tracks.all()), time_zone="Asia/Tokyo"))

    [message] = queued_mail
    assert _sessions_in_mail(message) == (
        "- Morning (EMEA): Thursday, April 22, 2027, 12:00 AM – 4:00 AM (Asia/Tokyo)\n"
        "  (event time: Wednesday, April 21, 2027, 8:00 AM – 12:00 PM (America/Los_Angeles))\n"
        "- Evening (APAC / US): Thursday, April 22, 2027, 9:00 AM – 12:00 PM (Asia/Tokyo)\n"
        "  (event time: Wednesday, April 21, 2027, 5:00 PM – 8:00 PM (America/Los_Angeles))"
    )


def test_a_registrant_in_berlin_is_mailed_the_evening_on_the_next_morning_in_berlin(
    client, april_day, queued_mail
):
    client.post("/register/", form_data(list(april_day.tracks.all()), time_zone="Europe/Berlin"))

    [message] = queued_mail
    assert _sessions_in_mail(message) == (
        "- Morning (EMEA): Wednesday, April 21, 2027, 5:00 PM – 9:00 PM (Europe/Berlin)\n"
        "  (event time: Wednesday, April 21, 2027, 8:00 AM – 12:00 PM (America/Los_Angeles))\n"
        "- Evening (APAC / US): Thursday, April 22, 2027, 2:00 AM – 5:00 AM (Europe/Berlin)\n"
        "  (event time: Wednesday, April 21, 2027, 5:00 PM – 8:00 PM (America/Los_Angeles))"
    )


def test_a_registrant_in_the_events_zone_is_mailed_each_time_once(client, april_day, queued_mail):
    client.post(
        "/register/", form_data(list(april_day.tracks.all()), time_zone="America/Los_Angeles")
    )

    [message] = queued_mail
    assert _sessions_in_mail(message) == (
        "- Morning (EMEA): Wednesday, April 21, 2027, 8:00 AM – 12:00 PM (America/Los_Angeles)\n"
        "- Evening (APAC / US): Wednesday, April 21, 2027, 5:00 PM – 8:00 PM "
        "(America/Los_Angeles)"
    )
    assert "event time" not in message.body


def test_a_zone_that_tells_the_events_time_that_day_is_not_repeated(client, april_day, queued_mail):
    client.post(
        "/register/", form_data(list(april_day.tracks.all()), time_zone="America/Vancouver")
    )

    [message] = queued_mail
    assert (
        "- Morning (EMEA): Wednesday, April 21, 2027, 8:00 AM – 12:00 PM (America/Vancouver)\n"
        in (message.body)
    )
    assert "event time" not in message.body


def test_wording_organizers_edited_before_still_renders_and_the_name_stays_text(
    client, april_day, queued_mail
):
    EmailTemplate.objects.filter(name="registration-confirmed").update(
        content="Hi {{ name }}!\n{% for session in sessions_of_the_day %}{{ session.name }}: "
        "{{ session.times }} ({{ session.event_times }})\n{% endfor %}"
    )
    client.post(
        "/register/",
        form_data([april_day.tracks.get(slug="morning")], name="{{ event }} {% now 'Y' %}"),
    )

    [message] = queued_mail
    assert message.body == (
        "Hi {{ event }} {% now 'Y' %}!\n"
        "Morning (EMEA): Thursday, April 22, 2027, 12:00 AM – 4:00 AM (Asia/Tokyo) "
        "(Wednesday, April 21, 2027, 8:00 AM – 12:00 PM (America/Los_Angeles))\n"
    )


def test_a_template_still_in_the_earlier_default_wording_takes_the_new_one_an_edited_one_stays(
    db,
):
    earlier_subject, earlier_content = PREVIOUS_WORDINGS["registration-confirmed"][0]
    EmailTemplate.objects.filter(name="registration-confirmed").update(content=earlier_content)
    EmailTemplate.objects.filter(name="registration-changed").update(content="Changed: {{ name }}")

    install_templates(TEMPLATES, previous_wordings=PREVIOUS_WORDINGS)

    new_content = {name: content for name, _, _, content in TEMPLATES}
    stored = dict(EmailTemplate.objects.values_list("name", "content"))
    assert stored["registration-confirmed"] == new_content["registration-confirmed"]
    assert "(event time: {{ session.event_times }})" in stored["registration-confirmed"]
    assert stored["registration-changed"] == "Changed: {{ name }}"
    assert sorted(PREVIOUS_WORDINGS) == [
        "registration-changed",
        "registration-confirmed",
        "registration-seat-given",
        "registration-wait-listed",
    ]
