"""User text in an email is data: it is written out as typed, never run as a template.

Issue 14.1: the mail library rendered our finished text a second time with Django's full
template engine, so a title `X {{ 7|add:7 }}` was mailed as "X 14", a name with
`{% now 'Y' %}` greeted "Evil 2026", a `{% raw %}` answered 500 and lost the proposal or the
decision, and a `{% lorem %}` cost seconds and hundreds of megabytes. These specs put hostile
titles, names, notes, bios and review comments through every email the product sends: the
registered templates are enumerated, so a new email is covered (or the spec says which flow
to add).
"""

import time
from datetime import datetime, timedelta
from datetime import time as clock

import pytest
import time_machine
from django.core import mail
from django.core.mail import send_mail
from django.utils import timezone
from post_office.models import STATUS, Email

from ecosystem_day.infra.mail import prepare_email, queue_emails, registered_templates
from ecosystem_day.infra.mail.delivery import deliver_queued
from ecosystem_day.registration.announcements import Announcement, send_announcement
from ecosystem_day.registration.models import Registration
from ecosystem_day.registration.services import (
    cancel_registration,
    change_capacity,
    change_registration,
    register,
    set_item_reminders,
)
from posters.call import call_for
from posters.models import PosterProposal
from posters.services import change_poster_status, claim_poster, withdraw_poster
from sessions.agenda import set_star
from sessions.releases import release_schedule
from sessions.services import (
    change_breakout_status,
    propose_breakout,
    schedule_breakout,
)
from sessions.snapshot import latest_release
from tests.factories import (
    AcceptedPosterFactory,
    BreakoutReviewFactory,
    PosterProposalFactory,
    RegistrationSettingsFactory,
    ReviewFactory,
    RoomFactory,
    TrackFactory,
    UserFactory,
    set_edition_settings,
)
from tests.posters.authors import author_fields
from tests.posters.test_submit import valid_proposal

TITLE = "X {{ 7|add:7 }} {% raw %} {{7*7}} {% lorem 10000000 w %}"
NAME = "Evil {% now 'Y' %} {% raw %} {% templatetag openblock %} debug %}"
NOTE = "{% debug %} {{ 7|add:7 }} {% lorem 999 w %} {% include 'base.html' %}"
EVALUATED = ("X 14", "Evil 20", "lorem ipsum", "Lorem ipsum", "{% debug %} 14")
# Lower case only: a template may show a value through |lower, and the value must survive.
PAYLOAD = "x {{ 7|add:7 }} {% now 'y' %} {% raw %} {{7*7}} {% lorem 10000000 w %} {% debug %}"


def strings_replaced(value, make):
    """`value` (a sample context) with each string replaced by make(a counter)."""
    counter = iter(range(10_000))

    def replace(item):
        if isinstance(item, str):
            return make(next(counter))
        if isinstance(item, dict):
            return {key: replace(item[key]) for key in item}
        if isinstance(item, list):
            return [replace(element) for element in item]
        return item

    return replace(value)


@pytest.mark.parametrize("name", sorted(registered_templates()))
def test_every_email_writes_each_value_as_typed_whatever_template_syntax_it_holds(db, name):
    """With hostile values the message is the one written with plain markers, each marker
    replaced by its hostile value: nothing in a value was run, and no value was lost."""
    sample = registered_templates()[name].sample_context
    marked = prepare_email(name, "ada@example.org", strings_replaced(sample, "marker{}.".format))
    started = time.perf_counter()
    hostile = prepare_email(
        name, "ada@example.org", strings_replaced(sample, lambda n: f"{PAYLOAD} #{n}.")
    )
    elapsed = time.perf_counter() - started

    def expected(text):
        for number in reversed(range(100)):
            text = text.replace(f"marker{number}.", f"{PAYLOAD} #{number}.")
        return text

    assert " ".join(expected(marked.subject).split()) == hostile.subject
    assert expected(marked.message) == hostile.message
    assert PAYLOAD in hostile.subject + hostile.message
    assert hostile.context is None  # finished text: nothing is left to render at delivery
    assert elapsed < 0.1


@pytest.fixture
def evil(db):
    user = UserFactory(name=NAME, email="evil@example.org", bio=NOTE)  # bio: never mailed
    user.email_verified_at = timezone.now()  # so the poster organizers listed is claimable
    user.save()
    return user


def drive_every_email(client, evil, organizer, event, settings):
    """Every flow that sends an email, each with hostile text where a person can type it."""
    set_edition_settings(event, breakout_deadline=call_for(event).deadline)
    password = "a-long-passphrase-for-the-spec-42"
    signup = {"name": NAME, "email": "newcomer@example.org"}
    signup.update(password1=password, password2=password)
    assert client.post("/accounts/signup/", signup).status_code == 302
    client.force_login(evil)
    coauthors = author_fields("Ada Lovelace", (NAME, "coauthor@example.org"))  # invited
    response = client.post("/posters/submit/", {**valid_proposal(event, title=TITLE), **coauthors})
    assert response.status_code == 302
    submitted = PosterProposal.objects.get(title=TITLE)
    ReviewFactory(proposal=submitted, comment=NOTE)

    client.force_login(organizer)
    decide = f"/admin/posters/posterproposal/{submitted.pk}/decide/"
    assert client.post(decide, {"to_status": "accepted", "note": NOTE}).status_code == 302
    for status in ("waitlisted", "rejected"):
        poster = PosterProposalFactory(event=event, submitter=evil, title=f"{TITLE} {status}")
        change_poster_status(poster, status, by=organizer, note=NOTE)
    withdrawn = AcceptedPosterFactory(event=event, submitter=evil, title=f"{TITLE} withdrawn")
    withdraw_poster(withdrawn, by=evil, note=NOTE)
    imported = AcceptedPosterFactory(
        event=event, submitter=None, title=f"{TITLE} imported", claim_email=evil.email
    )
    claim_poster(imported, by=evil)

    breakouts = [
        propose_breakout(
            event=event,
            submitter=evil,
            poster=submitted,
            title=f"{TITLE} breakout {status}",
            description=NOTE,
            format="demo",
        )
        for status in ("accepted", "waitlisted", "rejected", "withdrawn")
    ]
    for breakout in breakouts:
        BreakoutReviewFactory(proposal=breakout, comment=NOTE)
        change_breakout_status(breakout, breakout.title.rsplit(" ", 1)[1], by=organizer, note=NOTE)
    scheduled = propose_breakout(
        event=event,
        submitter=evil,
        poster=submitted,
        title=f"{TITLE} scheduled",
        format="talk",
        description=NOTE,
    )
    change_breakout_status(scheduled, "accepted", by=organizer)
    track = TrackFactory(event=event)
    room = RoomFactory(event=event, name=f"{NOTE}"[:100])
    starts_at = datetime.combine(event.date, clock(9), tzinfo=event.tz)
    schedule_breakout(scheduled, track=track, room=room, starts_at=starts_at, by=organizer)
    release_schedule(event, by=organizer, note=NOTE)
    registration_flows(client, event)
    reminder_flows(event, organizer)

    client.logout()
    for address in (evil.email, "nobody@example.org"):
        assert client.post("/accounts/password-reset/", {"email": address}).status_code == 302


def registration_flows(client, event):
    """Registered, wait-listed, changed, cancelled (its seat given on), a sign-in link."""
    track = TrackFactory(event=event, name="Morning (EMEA)", slug="registration-morning")
    RegistrationSettingsFactory(event=event, capacity=1)
    client.logout()
    for email in ("first@example.org", "second@example.org"):
        data = {"name": NAME, "email": email, "affiliation": NOTE, "tracks": [track.pk]}
        data.update(time_zone="Asia/Tokyo", code_of_conduct="on")
        assert client.post("/register/", data).status_code == 302
    first = Registration.objects.get(email="first@example.org")
    first.user = UserFactory(email=first.email, email_verified_at=timezone.now())
    first.save()
    change_registration(first, by=first.user, tracks=[track], time_zone="Europe/Berlin")
    assert client.post("/register/sign-in/", {"email": first.email}).status_code == 302
    cancel_registration(first, by=first.user)


def reminder_flows(event, organizer):
    """Reminders the day before and before a starred item; an announcement to everyone."""
    change_capacity(event, None)
    person = UserFactory(name=NAME, email="third@example.org", email_verified_at=timezone.now())
    registration = register(
        event=event,
        name=NAME,
        email=person.email,
        tracks=list(event.tracks.all()),
        time_zone="Asia/Tokyo",
        affiliation=NOTE,
    )
    set_item_reminders(registration, by=person, on=True)
    [item] = latest_release(event).snapshot.items
    set_star(person, event, item.guid, release=latest_release(event))
    announcement = Announcement.objects.create(event=event, subject=TITLE, text=NOTE)
    send_announcement(announcement, by=organizer)


def test_hostile_text_goes_through_every_email_the_product_sends_as_typed(
    client, evil, organizer, event, settings
):
    started = time.perf_counter()
    drive_every_email(client, evil, organizer, event, settings)
    elapsed = time.perf_counter() - started

    sent = {email.template.name for email in Email.objects.select_related("template")}
    assert sent == set(registered_templates()), "add a flow for each new email above"
    assert PosterProposal.objects.get(title=TITLE).status == "accepted"
    for email in Email.objects.all():
        text = email.subject + "\n" + email.message
        assert email.status == STATUS.queued, text
        assert email.context is None
        assert not any(evaluated in text for evaluated in EVALUATED), text
        if email.template.name != "account-no-account":  # it knows no name and no title
            assert TITLE in text or NAME in text, text
    assert elapsed < 20  # a {% lorem %} run twice took 8.6 s on its own

    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }
    count = Email.objects.count()
    with time_machine.travel(timezone.now() + timedelta(days=60)):  # reminders are due by then
        assert deliver_queued() == (count, 0, 0)
    stored = [(email.subject, email.message) for email in Email.objects.order_by("pk")]
    delivered = [(message.subject, message.body) for message in mail.outbox]
    assert sorted(delivered) == sorted(stored)


def test_a_title_with_raw_is_saved_and_confirmed_not_a_500(client, evil, event, queued_mail):
    client.force_login(evil)

    response = client.post("/posters/submit/", valid_proposal(event, title="{% raw %} {{7*7}}"))

    assert response.status_code == 302
    [message] = queued_mail
    assert message.subject == "We received your poster proposal: {% raw %} {{7*7}}"


def test_an_organizer_accepts_the_poster_of_a_person_named_with_raw(
    client, evil, organizer, event, queued_mail
):
    poster = PosterProposalFactory(event=event, submitter=evil, title="Plain")
    client.force_login(organizer)

    response = client.post(
        f"/admin/posters/posterproposal/{poster.pk}/decide/", {"to_status": "accepted"}
    )

    assert response.status_code == 302
    poster.refresh_from_db()
    assert poster.status == "accepted"
    [message] = queued_mail
    assert message.body.startswith(f"Hello {NAME},\n\nGood news: “Plain” is accepted")


def test_django_send_mail_queues_its_subject_and_body_as_given(db, queued_mail):
    """Anything sent through Django's own send_mail (error reports, a future feature)."""
    send_mail(f"Report: {TITLE}", f"Body: {NOTE}", None, ["ops@example.org"])

    assert [tuple(message) for message in queued_mail] == [
        (f"Report: {TITLE}", f"Body: {NOTE}", ["ops@example.org"])
    ]


def test_the_queue_refuses_an_address_that_would_split_into_two(db):
    poster_context = {"name": "A", "proposal": {"title": "T"}, "event": {"name": "E"}}
    queue_emails([prepare_email("poster-submitted", '"a,b"@example.org', poster_context)])

    email = Email.objects.get()
    assert email.status == STATUS.failed
    assert email.logs.get().message == "'\"a,b\"@example.org' is not a plain email address."
