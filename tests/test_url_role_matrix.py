"""Every URL the site serves, as each kind of visitor: the status each one gets, in one table.

The URLs come from the resolver, so a new URL is covered without anyone remembering it: a URL
that is missing from EXPECTED fails the test until someone decides who may see it. Objects in
the URLs belong to `owner` (the submitter); `other` is another submitter. Admin pages are
for staff: reviewers read and review, organizers decide and run the event and read the outbox
(resending a failed message), and neither manages users or groups (that is for superusers).
"""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from post_office.models import Attachment, Email, EmailTemplate, Log

from ecosystem_day.accounts.models import User
from ecosystem_day.registration.models import Announcement, Question
from posters.models import ReviewSettings
from sessions.attendance import Attendance
from sessions.releases import release_schedule
from sessions.services import schedule_breakout
from tests.factories import (
    AcceptedBreakoutFactory,
    AcceptedPosterFactory,
    BreakoutReviewFactory,
    PosterProposalFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    ReviewFactory,
    RoomFactory,
    SpeakerFactory,
    TrackFactory,
    UserFactory,
    set_edition_settings,
)

ROLES = ("anonymous", "owner", "other", "reviewer", "organizer")
# Who gets what, for GET. 302 to a log-in page for those who must first log in; 404 for what
# is someone else's (ids leak nothing); 403 for staff without the permission.
LOGIN, MINE, MEMBERS = (302, 200, 200, 200, 200), (302, 200, 404, 404, 404), None
EVERYONE = (200,) * 5
STAFF_ONLY = 302, 302, 302  # the admin sends visitors who are not staff to its log-in page


def admin(reviewer, organizer):
    return (*STAFF_ONLY, reviewer, organizer)


def model_admin(label, changelist, add, change, delete, history=None):
    """The six URLs Django's admin makes for a model, as (reviewer, organizer) pairs."""
    history = history or change
    return {
        f"admin:{label}_changelist": admin(*changelist),
        f"admin:{label}_add": admin(*add),
        f"admin:{label}_change": admin(*change),
        f"admin:{label}_delete": admin(*delete),
        f"admin:{label}_history": admin(*history),
        # The bare object URL only redirects to its change page, which decides.
        "admin/{}/{}/<path:object_id>/".format(*label.rsplit("_", 1)): admin(302, 302),
    }


NO = (403, 403)
READ = (200, 200)
ORGANIZERS = (403, 200)

EXPECTED = {
    # The event's public pages and health checks.
    "home": EVERYONE,
    "favicon": EVERYONE,
    "healthz": EVERYONE,
    "livez": EVERYONE,
    "poster_catalogue": EVERYONE,
    "poster_public": EVERYONE,
    "schedule": EVERYONE,
    "schedule_ics": EVERYONE,
    "schedule_json": EVERYONE,
    "schedule_xml": EVERYONE,
    "schedule_frab_json": EVERYONE,
    "schedule_item": EVERYONE,
    "schedule_item_ics": EVERYONE,
    # Join: into the room for a registered attendee (the owner); anyone else is told why.
    "schedule_join": (403, 302, 403, 403, 403),
    "speakers": EVERYONE,
    # My agenda: stars and the merge are POSTs; the page and its JSON answer everyone (a
    # browser keeps an anonymous visitor's stars); a personal feed's wrong secret finds nothing.
    "star": (405,) * 5,
    "agenda": EVERYONE,
    "agenda_json": EVERYONE,
    "agenda_merge": (405,) * 5,
    "agenda_feed_renew": (405,) * 5,
    "agenda_feed": (404,) * 5,
    "track_ics": EVERYONE,
    "schedule_changes": EVERYONE,
    "schedule_changes_json": EVERYONE,
    "editions": EVERYONE,
    "recap": (404,) * 5,  # the edition's day is ahead: no recap yet (tests/sessions/test_recap.py)
    # Accounts.
    "signup": (200, 302, 302, 302, 302),
    "login": (200, 302, 302, 302, 302),
    "logout": (405,) * 5,  # log-out is a POST
    "password_reset": EVERYONE,
    "password_reset_done": EVERYONE,
    "password_reset_confirm": EVERYONE,  # an unknown token: a page that says the link is invalid
    "password_reset_complete": EVERYONE,
    "verify_email": EVERYONE,  # a wrong link: a page that says it does not work
    "verify_email_send": (302, 405, 405, 405, 405),  # a POST, for the signed-in person
    # The submitter's own pages.
    "poster_submit": LOGIN,
    "my_proposals": LOGIN,
    "profile": LOGIN,  # always the signed-in person's own: no id to name anyone else's
    "breakout_propose": LOGIN,  # others are told why they cannot, with a 200 page
    "poster_detail": MINE,
    "poster_submitted": MINE,
    "poster_edit": MINE,
    "poster_image": MINE,
    "poster_tending": MINE,
    "poster_withdraw": MINE,
    "breakout_detail": MINE,
    "poster_claim_mine": MINE,  # an imported poster organizers gave the owner's email
    "poster_claim": LOGIN,  # the invitation link: whoever signed in follows it may claim
    # A co-presenter's invitation joins only the account of its address: a wrong link says so.
    "copresenter_join": (302, 403, 403, 403, 403),
    "copresenter_remove": (302, 405, 405, 405, 405),  # POSTs, for the poster's submitter
    "copresenter_invite_again": (302, 405, 405, 405, 405),
    "breakout_withdraw": MINE,
    # Registration: the form sends someone registered to their own; "My registration" is
    # always the signed-in person's own; a wrong sign-in link gets a page that says so.
    "register": (200, 302, 200, 200, 200),
    "registration_sent": EVERYONE,
    "registration_sign_in_request": EVERYONE,
    "registration_sign_in": EVERYONE,
    "my_registration": LOGIN,
    "registration_cancel": MINE,
    "registration_forget": MINE,
    "registration_reminders": MINE,
    # The admin site itself.
    "admin:index": admin(200, 200),
    "admin:dashboard": admin(403, 200),
    "admin:login": (200, 200, 200, 302, 302),
    "admin:logout": admin(405, 405),  # a POST
    "admin:password_change": admin(200, 200),
    "admin:password_change_done": admin(200, 200),
    "admin:autocomplete": admin(403, 403),  # without a field to complete
    "admin:jsi18n": admin(200, 200),
    "admin:view_on_site": admin(302, 302),
    "admin:app_list auth": admin(404, 404),
    "admin:app_list axes": admin(404, 200),
    "admin:app_list post_office": admin(404, 200),
    "admin:app_list accounts": admin(404, 404),
    "admin:app_list ecosystem_day": admin(200, 200),
    "admin:app_list posters": admin(200, 200),
    "admin:app_list breakouts": admin(200, 200),
    "admin:app_list registration": admin(404, 200),
    "admin/(?P<url>.*)$": admin(404, 404),
    # Users and groups: superusers only.
    **model_admin("auth_group", NO, NO, NO, NO),
    **model_admin("accounts_user", NO, NO, NO, NO),
    "admin:auth_user_password_change": admin(403, 403),
    # The outbox: organizers read it (secret links hidden) and resend a failed message (a POST).
    **model_admin("post_office_email", ORGANIZERS, NO, ORGANIZERS, NO),
    "admin:post_office_email_resend": admin(403, 405),
    **model_admin("post_office_log", NO, NO, NO, NO),
    **model_admin("post_office_attachment", NO, NO, NO, NO),
    # Log-in throttling: organizers see and lift lock-outs.
    **model_admin("axes_accessattempt", ORGANIZERS, NO, ORGANIZERS, ORGANIZERS),
    **model_admin("axes_accesslog", NO, NO, NO, NO),
    **model_admin("axes_accessfailurelog", NO, NO, NO, NO),
    # The event.
    **model_admin("ecosystem_day_event", READ, ORGANIZERS, READ, NO),
    "admin:ecosystem_day_event_next_edition": admin(403, 200),
    # Reopening a past edition, and closing it again: superusers only.
    "admin:ecosystem_day_event_reopen": admin(403, 403),
    "admin:ecosystem_day_event_close": admin(403, 403),
    **model_admin("ecosystem_day_track", READ, ORGANIZERS, READ, ORGANIZERS),
    **model_admin("post_office_emailtemplate", ORGANIZERS, NO, ORGANIZERS, NO),
    # Attendees' registrations (personal data): organizers only; nobody adds or deletes one.
    **model_admin("registration_registrationsettings", *(ORGANIZERS,) * 4),
    **model_admin("registration_question", *(ORGANIZERS,) * 4),
    **model_admin("registration_registration", ORGANIZERS, NO, ORGANIZERS, NO),
    # Announcements to registrants: organizers write them and send them from a confirmation.
    **model_admin("registration_announcement", *(ORGANIZERS,) * 4),
    "admin:registration_announcement_send": admin(403, 200),
    # The review queues: reviewers read and review; organizers decide.
    **model_admin("posters_posterproposal", READ, NO, READ, NO),
    "admin:posters_posterproposal_decide": admin(403, 200),
    # The review form posts here; a GET goes back to the proposal's page.
    "admin:posters_posterproposal_review": admin(302, 302),
    # Balancing reviewers over the edition's proposals: organizers (a form, then a POST).
    "admin:posters_posterproposal_balance": admin(403, 200),
    # How the edition reviews (blind or not, the criteria): organizers set it up.
    **model_admin("posters_reviewsettings", ORGANIZERS, ORGANIZERS, ORGANIZERS, NO),
    **model_admin("posters_review", READ, READ, READ, ORGANIZERS),
    **model_admin("breakouts_breakoutproposal", READ, NO, READ, NO),
    "admin:breakouts_breakoutproposal_decide": admin(403, 200),
    "admin:breakouts_breakoutproposal_review": admin(302, 302),
    "admin:breakouts_breakoutproposal_balance": admin(403, 200),
    **model_admin("breakouts_breakoutreview", READ, READ, READ, ORGANIZERS),
    # The schedule: reviewers read it, organizers make it.
    **model_admin("breakouts_room", READ, ORGANIZERS, READ, ORGANIZERS),
    **model_admin("breakouts_speaker", READ, ORGANIZERS, READ, ORGANIZERS),
    **model_admin("breakouts_scheduleitem", READ, ORGANIZERS, READ, ORGANIZERS),
    "admin:breakouts_scheduleitem_editor": admin(403, 200),  # the schedule editor: organizers
    # Releases: organizers publish with "Add" (the release page); nobody edits or deletes one.
    **model_admin("breakouts_schedulerelease", READ, ORGANIZERS, READ, NO),
    # Attendance (who joined what): organizers read it; only the join endpoint writes it.
    **model_admin("breakouts_attendance", ORGANIZERS, NO, ORGANIZERS, NO),
}


def every_url_pattern():
    """(key, route) for every pattern: its name, or its route when it has none."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                yield (f"{namespace}{pattern.name}" if pattern.name else route), route

    return list(walk(get_resolver().url_patterns))


@pytest.fixture
def world(event):
    """One of everything, owned by `owner`, with a user of each role."""
    set_edition_settings(event, breakout_deadline=timezone.now() + timedelta(days=7))
    owner = UserFactory(email="owner@example.org", email_verified_at=timezone.now())
    track = TrackFactory(event=event)
    room = RoomFactory(event=event)
    poster = AcceptedPosterFactory(event=event, submitter=owner, topic=event.topics.first())
    breakout = AcceptedBreakoutFactory(event=event, poster=poster)
    organizer = UserFactory(groups=["Organizers"])
    item = schedule_breakout(
        breakout, track=track, room=room, starts_at=track.breakout_window.starts_at, by=organizer
    )
    email = Email.objects.create(
        from_email="a@example.org", to=["x@example.org"], subject="Hi", message="Hi"
    )
    objects = {
        "poster_public": poster,
        "poster_detail": PosterProposalFactory(event=event, submitter=owner),
        "poster_claim_mine": AcceptedPosterFactory(
            event=event, submitter=None, claim_email=owner.email, claim_token="invitation-token"
        ),
        "poster_image": poster,
        "poster_tending": poster,
        "breakout_detail": breakout,
        "schedule_item": item,
        "auth_group": Group.objects.get(name="Reviewers"),
        "accounts_user": owner,
        "post_office_email": email,
        "post_office_log": Log.objects.create(email=email, status=0, message="sent"),
        "post_office_attachment": Attachment.objects.create(name="a.txt", file="a.txt"),
        "axes_accessattempt": AccessAttempt.objects.create(
            username="x", ip_address="127.0.0.2", failures_since_start=1
        ),
        "axes_accesslog": AccessLog.objects.create(username="x", ip_address="127.0.0.2"),
        "axes_accessfailurelog": AccessFailureLog.objects.create(
            username="x", ip_address="127.0.0.2"
        ),
        "ecosystem_day_event": event,
        "ecosystem_day_track": track,
        "post_office_emailtemplate": EmailTemplate.objects.get(name="poster-accepted"),
        "posters_posterproposal": poster,
        "posters_review": ReviewFactory(proposal=poster),
        "posters_reviewsettings": ReviewSettings.objects.create(event=event),
        "breakouts_breakoutproposal": breakout,
        "breakouts_breakoutreview": BreakoutReviewFactory(proposal=breakout),
        "breakouts_room": room,
        "breakouts_speaker": SpeakerFactory(event=event),
        "breakouts_scheduleitem": item,
        "breakouts_schedulerelease": release_schedule(event, by=organizer),
        "registration_registrationsettings": RegistrationSettingsFactory(event=event),
        "registration_question": Question.objects.create(event=event, label="Why?"),
        "registration_announcement": Announcement.objects.create(
            event=event, subject="Room change", text="The keynote is in room 2."
        ),
        "registration_registration": RegistrationFactory(
            event=event, user=owner, email=owner.email, tracks=[track]
        ),
    }
    objects["breakouts_attendance"] = Attendance.objects.create(
        registration=objects["registration_registration"],
        event=event,
        item_id=item.pk,
        item_guid=item.guid,
        item_title=item.title,
    )
    users = {
        "anonymous": None,
        "owner": owner,
        "other": UserFactory(),
        "reviewer": UserFactory(groups=["Reviewers"]),
        "organizer": organizer,
    }
    return objects, users


def concrete_urls(objects, key, route):
    """The URL(s) to request for one pattern, its parameters filled with `world` objects."""
    pk_of = {
        name.split("admin:")[-1].rsplit("_", 1)[0] if name.startswith("admin:") else name: obj.pk
        for name, obj in objects.items()
    }
    owner_pk = {
        "poster_submitted": objects["poster_detail"].pk,
        "poster_edit": objects["poster_detail"].pk,
        "poster_withdraw": objects["poster_detail"].pk,
        "breakout_withdraw": objects["breakout_detail"].pk,
        "schedule_item_ics": objects["schedule_item"].pk,
        "schedule_join": objects["schedule_item"].pk,
    }
    if key.startswith("admin:app_list"):
        return {
            f"admin:app_list {label}": f"/admin/{label}/"
            for label in ("auth", "axes", "post_office", "accounts", "ecosystem_day")
            + ("registration", "posters", "breakouts")
        }
    email = f"/admin/post_office/email/{objects['post_office_email'].pk}"
    special = {
        "password_reset_confirm": "/accounts/password-reset/MQ/unknown-token/",
        "poster_claim": "/posters/claim/invitation-token/",
        "copresenter_join": "/posters/join/MQ:1abcde:not-a-signature/",
        "copresenter_remove": f"/me/posters/{objects['poster_detail'].pk}/copresenters/1/remove/",
        "copresenter_invite_again": f"/me/posters/{objects['poster_detail'].pk}"
        "/copresenters/1/invite/",
        "verify_email": "/accounts/verify-email/MQ:1abcde:not-a-signature/",
        "registration_sign_in": "/register/sign-in/MQ:1abcde:not-a-signature/",
        "admin:view_on_site": "/admin/r/{}/{}/".format(
            ContentType.objects.get_for_model(objects["poster_public"]).pk,
            objects["poster_public"].pk,
        ),
        "admin/(?P<url>.*)$": "/admin/no-such-page/",
        "agenda_feed": "/schedule/mine/a-wrong-secret.ics",
        "track_ics": f"/schedule/{objects['ecosystem_day_track'].slug}.ics",
        "admin:post_office_email_resend": f"{email}/resend/",
        "admin:auth_user_password_change": f"/admin/accounts/user/{objects['accounts_user'].pk}"
        "/password/",
    }
    if key in special:
        return {key: special[key]}
    url = "/" + route
    if "<int:pk>" in route:
        label = re.sub(
            r"_(decide|review|next_edition|reopen|close|send)$", "", key.removeprefix("admin:")
        )
        url = url.replace("<int:pk>", str(owner_pk.get(key) or pk_of[label]))
    if "<path:object_id>" in route:
        label = key.removeprefix("admin:").rsplit("_", 1)[0]
        if key.startswith("admin/"):
            label = "_".join(route.split("/")[1:3])
        url = url.replace("<path:object_id>", str(pk_of[label]))
    return {key: url}


def test_every_url_has_an_expected_status_for_every_role(world, client):
    objects, users = world
    urls = {}
    for key, route in every_url_pattern():
        urls.update(concrete_urls(objects, key, route))

    assert sorted(set(urls) - set(EXPECTED)) == [], "URLs nobody has decided about"
    assert sorted(set(EXPECTED) - set(urls)) == [], "table rows for URLs that no longer exist"

    seen = {}
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        for key, url in urls.items():
            seen.setdefault(key, []).append(client.get(url).status_code)
    unexpected = {
        key: dict(zip(ROLES, statuses, strict=True))
        for key, statuses in seen.items()
        if tuple(statuses) != EXPECTED[key]
    }

    assert unexpected == {}


def test_organizers_cannot_make_anyone_a_superuser(client, db):
    organizer = UserFactory(groups=["Organizers"])
    client.force_login(organizer)

    response = client.post(
        f"/admin/accounts/user/{organizer.pk}/change/",
        {"email": organizer.email, "name": organizer.name, "is_superuser": "on", "is_staff": "on"},
    )

    assert response.status_code == 403
    organizer.refresh_from_db()
    assert organizer.is_superuser is False
    assert User.objects.filter(is_superuser=True).exists() is False
