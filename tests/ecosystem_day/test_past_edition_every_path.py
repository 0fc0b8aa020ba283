"""Every path into a past edition changes nothing: every URL the resolver knows, with GET and
POST, as its presenter and an organizer (in the admin, an organizer and a superuser); every
admin action of every ModelAdmin; every management command. Each is followed by a dump of
the edition's rows (every column of every row that belongs to it) and a count of the mail
queue, which must not move.
"""

import re
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import CommandError, call_command, get_commands
from django.test import Client, RequestFactory

from ecosystem_day.event.editions_middleware import PUBLIC_PAGES
from sessions.attendance import Attendance
from sessions.models import ScheduleItem
from tests.ecosystem_day.past_edition import READ_ONLY, edition_rows, emails_queued, two_editions
from tests.ecosystem_day.test_past_edition_frozen import png
from tests.factories import ScheduleItemFactory, UserFactory
from tests.posters.authors import author_fields
from tests.sessions.helpers import at
from tests.test_url_role_matrix import every_url_pattern


@pytest.fixture
def world(submitter, organizer):
    editions = two_editions(submitter, organizer)
    ScheduleItemFactory(event=editions.past, title="Networking", starts_at=at(9))
    users = {
        "presenter": submitter,
        "organizer": organizer,
        "superuser": UserFactory(name="Sue Superuser", is_superuser=True, is_staff=True),
    }
    return editions, users


def edition_objects(e):
    """The 2021 object each admin URL label is about."""
    return {
        "ecosystem_day_event": e.past,
        "ecosystem_day_track": e.track,
        "posters_posterproposal": e.poster,
        "posters_review": e.waiting.reviews.get(),
        "breakouts_breakoutproposal": e.breakout,
        "breakouts_breakoutreview": e.breakout.reviews.get(),
        "breakouts_room": e.room,
        "breakouts_speaker": e.past.speakers.get(),
        "breakouts_scheduleitem": e.item,
        "breakouts_schedulerelease": e.past.schedule_releases.get(),
        "registration_registrationsettings": e.past.registration_settings,
        "registration_question": e.past.questions.get(),
        "registration_registration": e.past.registrations.get(status="registered"),
        "breakouts_attendance": Attendance.objects.get(event=e.past),
        "registration_announcement": e.past.announcements.get(),
    }


def site_pk(e, key):
    return {
        "poster_edit": e.waiting.pk,
        "poster_claim_mine": e.unclaimed.pk,
        "breakout_detail": e.breakout.pk,
        "breakout_withdraw": e.breakout.pk,
        "schedule_item": e.item.pk,
        "schedule_item_ics": e.item.pk,
    }.get(key, e.poster.pk)


def urls_for(e, key, route, objects):
    """The URL(s) to try for one pattern, aimed at the past edition's `objects`."""
    if key.startswith("admin:app_list"):
        return ["/admin/ecosystem_day/", "/admin/posters/", "/admin/breakouts/"]
    if key == "admin/(?P<url>.*)$":
        return ["/admin/no-such-page/"]
    label = re.sub(
        r"^admin:|_(decide|review|next_edition|reopen|close|send|changelist|add|change|delete"
        r"|history)$",
        "",
        key,
    )
    if key.startswith("admin/"):
        label = "_".join(route.split("/")[1:3])

    def value(match):
        kind, name = match.groups()
        if name == "object_id" or (key.startswith("admin:") and name in ("pk", "id")):
            obj = objects.get(label)
            return str(obj.pk) if obj is not None else "0"
        if name == "content_type_id":
            return "0"
        return {
            "pk": str(site_pk(e, key)),
            "token": e.unclaimed.claim_token,
            "track_slug": e.track.slug,
            "uidb64": "MQ",
        }.get(name, "x")

    url = "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)
    if key in ("admin:breakouts_schedulerelease_add", "admin:breakouts_scheduleitem_editor"):
        url += f"?event={e.past.pk}"
    urls = [url]
    if key in PUBLIC_PAGES:  # the past edition's own address for its public pages
        urls.append(f"/2021{url}")
    return urls


A_REVIEW = {"review-score": 1, "review-comment": "Written a year late."}


def payloads(e):
    """What a POST to each URL would carry to change the edition, were it allowed."""
    return {
        "poster_edit": lambda: {
            "title": "Rewritten",
            "summary": "A rewritten summary. " * 10,
            **author_fields("Ada Lovelace"),
            "topic": e.waiting.topic_id,
        },
        "poster_image": lambda: {"image": png()},
        "poster_tending": lambda: {"tracks": []},
        "star": lambda: {"guid": str(e.item.guid), "starred": "1"},
        "admin:posters_posterproposal_decide": lambda: {"to_status": "rejected", "note": "x"},
        "admin:breakouts_breakoutproposal_decide": lambda: {"to_status": "rejected"},
        "admin:posters_posterproposal_review": lambda: A_REVIEW,
        "admin:breakouts_breakoutproposal_review": lambda: A_REVIEW,
        "admin:breakouts_schedulerelease_add": lambda: {"note": "Again."},
        "admin:breakouts_scheduleitem_editor": lambda: {
            "breakout": e.breakout.pk,
            "unschedule": "on",
        },
        "admin:ecosystem_day_event_next_edition": lambda: {
            "name": "Walked",
            "slug": "walked",
            "date": "2099-04-21",
        },
        "admin:ecosystem_day_track_add": lambda: {
            "event": e.past.pk,
            "name": "Late track",
            "slug": "late",
            "position": 9,
            **TRACK_TIMES,
            **window_inline("", "09:00", "10:00"),
        },
        "admin:ecosystem_day_track_change": lambda: {
            "event": e.past.pk,
            "name": e.track.name,
            "slug": e.track.slug,
            "position": e.track.position,
            **TRACK_TIMES,
            **window_inline(e.track.pk, "10:00", "11:00"),
        },
        "admin:breakouts_room_add": lambda: {
            "event": e.past.pk,
            "name": "Late room",
            "join_url": "https://meet.example.org/late",
            "access": "registered",
            "position": 9,
        },
        "admin:breakouts_speaker_add": lambda: {"event": e.past.pk, "name": "Late", "position": 9},
        "admin:breakouts_scheduleitem_add": lambda: {
            "event": e.past.pk,
            "kind": ScheduleItem.Kind.NETWORKING,
            "title": "Late",
            "starts_at_0": "2021-04-21",
            "starts_at_1": "20:00",
            "ends_at_0": "2021-04-21",
            "ends_at_1": "21:00",
        },
        "admin:posters_review_add": lambda: {"proposal": e.waiting.pk, "score": 5},
        "admin:breakouts_breakoutreview_add": lambda: {"proposal": e.breakout.pk, "score": 5},
    }


TRACK_TIMES = {
    "starts_at_0": "2021-04-21",
    "starts_at_1": "08:00",
    "ends_at_0": "2021-04-21",
    "ends_at_1": "12:00",
}


def window_inline(track, starts, ends):
    """The breakout window's inline on a session of the day's admin page (sessions app)."""
    prefix = "breakout_window"
    return {
        f"{prefix}-TOTAL_FORMS": 1,
        f"{prefix}-INITIAL_FORMS": 1 if track else 0,
        f"{prefix}-MIN_NUM_FORMS": 1,
        f"{prefix}-MAX_NUM_FORMS": 1,
        f"{prefix}-0-track": track,
        f"{prefix}-0-starts_at_0": "2021-04-21",
        f"{prefix}-0-starts_at_1": starts,
        f"{prefix}-0-ends_at_0": "2021-04-21",
        f"{prefix}-0-ends_at_1": ends,
    }


# POSTs that would change the edition, and the role that could make them on a current one:
# each is refused with a 403 that says why.
REFUSED_WITH_A_403 = {
    "poster_withdraw": "presenter",
    "poster_edit": "presenter",
    "poster_image": "presenter",
    "poster_tending": "presenter",
    "poster_claim_mine": "presenter",
    "poster_claim": "presenter",
    "breakout_withdraw": "presenter",
    "admin:posters_posterproposal_decide": "organizer",
    "admin:breakouts_breakoutproposal_decide": "organizer",
    "admin:breakouts_schedulerelease_add": "organizer",
    "admin:breakouts_scheduleitem_editor": "organizer",
    "admin:registration_announcement_send": "organizer",
    **{
        f"admin:{label}_{view}": "superuser"
        for label in ("ecosystem_day_event", "ecosystem_day_track", "posters_posterproposal")
        + ("breakouts_breakoutproposal", "breakouts_room", "breakouts_speaker")
        + ("breakouts_scheduleitem", "posters_review", "breakouts_breakoutreview")
        for view in ("change", "delete")
    },
}
# Adding to a past edition: the form says why.
REFUSED_BY_THE_FORM = [
    "admin:ecosystem_day_track_add",
    "admin:breakouts_room_add",
    "admin:breakouts_speaker_add",
    "admin:breakouts_scheduleitem_add",
    "admin:posters_review_add",
    "admin:breakouts_breakoutreview_add",
]
# The superuser's reopening is the one path that lifts the rule (test_past_edition_frozen.py).
LOGS_OUT = {"logout", "admin:logout"}
ABOUT_ONES_ACCOUNT = {"verify_email_send"}  # the email it sends is about the visitor's address
LIFTS_THE_RULE = {"admin:ecosystem_day_event_reopen", "admin:ecosystem_day_event_close"}


def roles_for(key):
    """The presenter and an organizer on the site; an organizer and a superuser in the admin."""
    return ("organizer", "superuser") if key.startswith("admin") else ("presenter", "organizer")


def test_every_url_with_get_and_post_leaves_a_past_edition_unchanged(world):
    editions, users = world
    clients = {role: Client() for role in users}
    for role, each in clients.items():
        each.force_login(users[role])
    bodies = payloads(editions)
    before, mail = edition_rows(editions.past), emails_queued()
    changed, errors, statuses = [], [], {}

    objects = edition_objects(editions)
    for key, route in every_url_pattern():
        for url in urls_for(editions, key, route, objects):
            for role in roles_for(key):
                for method in ("get", "post"):
                    if method == "post" and role == "superuser" and key in LIFTS_THE_RULE:
                        continue
                    data = bodies.get(key, dict)() if method == "post" else {}
                    response = getattr(clients[role], method)(url, data)
                    if key in LOGS_OUT:
                        clients[role].force_login(users[role])
                    statuses[(key, url, role, method)] = response
                    if response.status_code >= 500:
                        errors.append((role, method, url, response.status_code))
            mail_sent = emails_queued() != mail and key not in ABOUT_ONES_ACCOUNT
            if edition_rows(editions.past) != before or mail_sent:
                changed.append(url)
            before, mail = edition_rows(editions.past), emails_queued()

    assert changed == []
    assert errors == []
    for key, role in REFUSED_WITH_A_403.items():
        (url,) = urls_for(editions, key, dict(every_url_pattern())[key], objects)
        response = statuses[(key, url, role, "post")]
        assert (key, response.status_code) == (key, 403)
        assert READ_ONLY in response.content.decode(), key
    for key in REFUSED_BY_THE_FORM:
        (url,) = urls_for(editions, key, dict(every_url_pattern())[key], objects)
        response = statuses[(key, url, "superuser", "post")]
        assert (key, response.status_code) == (key, 200)
        assert READ_ONLY in response.content.decode(), key


def admin_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def edition_querysets(e):
    """For each registered model with an edition, its 2021 rows."""
    return {
        model_admin.model: model_admin.model.objects.filter(
            **{model_admin.edition_field or "pk": e.past.pk}
        )
        for model_admin in admin.site._registry.values()
        if hasattr(model_admin, "edition_field")
    }


# Every action there is on an edition's objects (organizers may not delete editions).
DECISIONS = ["accept", "waitlist", "reject"]
ACTIONS = {
    "event": ["delete_selected"],
    "track": ["delete_selected"],
    "posterproposal": [*DECISIONS, "assign_reviewers", "renew_claim_links", "export_csv"],
    "review": ["delete_selected"],
    "reviewsettings": ["delete_selected"],  # superusers only: organizers never delete one
    "breakoutproposal": [*DECISIONS, "assign_reviewers"],
    "breakoutreview": ["delete_selected"],
    "room": ["delete_selected"],
    "speaker": ["delete_selected"],
    "scheduleitem": ["delete_selected"],
    "registrationsettings": ["delete_selected"],
    "question": ["delete_selected"],
    "registration": ["cancel_selected", "export_csv"],
    "announcement": ["delete_selected"],
}


def test_every_admin_action_of_every_model_admin_leaves_a_past_edition_unchanged(world, client):
    editions, users = world
    querysets = edition_querysets(editions)
    before, mail = edition_rows(editions.past), emails_queued()
    tried, changed, refusals = [], [], {}

    for role in ("organizer", "superuser"):
        for model, queryset in querysets.items():
            model_admin = admin.site._registry[model]
            opts = model._meta
            for name in model_admin.get_actions(admin_request(users[role])):
                client.force_login(users[role])
                every = "?status=all" if getattr(model_admin, "review_model", None) else ""
                response = client.post(
                    f"/admin/{opts.app_label}/{opts.model_name}/{every}",
                    {
                        "action": name,
                        ACTION_CHECKBOX_NAME: [obj.pk for obj in queryset],
                        "post": "yes",  # delete_selected's confirmation
                    },
                    follow=True,
                )
                tried.append((role, opts.model_name, name))
                refusals[(role, opts.model_name, name)] = (
                    [message.message for message in response.context["messages"]]
                    if response.context
                    else response["Content-Type"]
                )
                if edition_rows(editions.past) != before or emails_queued() != mail:
                    changed.append((role, opts.model_name, name))

    assert changed == []
    assert sorted(tried) == sorted(
        (role, model, name)
        for role in ("organizer", "superuser")
        for model, names in ACTIONS.items()
        for name in names
        if role == "superuser" or model not in ("event", "reviewsettings")
    )
    refused = [f"{READ_ONLY} Nothing was done to the selection."]
    assert {key: said for key, said in refusals.items() if said != refused} == {
        (role, model, "export_csv"): "text/csv; charset=utf-8"
        for role in ("organizer", "superuser")
        for model in ("posterproposal", "registration")
    }


def test_write_actions_are_hidden_on_a_list_filtered_to_a_past_edition(world, client):
    editions, users = world
    client.force_login(users["organizer"])

    past = client.get(f"/admin/posters/posterproposal/?event__id__exact={editions.past.pk}")
    now = client.get(f"/admin/posters/posterproposal/?event__id__exact={editions.current.pk}")

    assert [name for name, _ in past.context["action_form"].fields["action"].choices] == [
        "",
        "export_csv",
    ]
    assert [name for name, _ in now.context["action_form"].fields["action"].choices] == [
        "",
        "accept",
        "waitlist",
        "reject",
        "assign_reviewers",
        "renew_claim_links",
        "export_csv",
    ]


def test_a_selection_mixing_a_past_and_the_current_edition_is_refused_whole(world, client):
    editions, users = world
    from tests.factories import PosterProposalFactory

    now = PosterProposalFactory(event=editions.current, topic=editions.current.topics.first())
    client.force_login(users["organizer"])

    response = client.post(
        "/admin/posters/posterproposal/",
        {"action": "accept", ACTION_CHECKBOX_NAME: [now.pk, editions.waiting.pk]},
        follow=True,
    )

    assert [message.message for message in response.context["messages"]] == [
        f"{READ_ONLY} Nothing was done to the selection."
    ]
    now.refresh_from_db()
    editions.waiting.refresh_from_db()
    assert (now.status, editions.waiting.status) == ("submitted", "submitted")


def test_a_past_editions_object_shows_read_only_in_the_admin_with_the_reason(world, client):
    editions, users = world
    client.force_login(users["organizer"])

    response = client.get(f"/admin/posters/posterproposal/{editions.waiting.pk}/change/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f"{READ_ONLY} Only a superuser can reopen it." in page
    assert 'name="_save"' not in page
    assert response.context["decision_form"] is None
    assert "PyTorch Ecosystem Day 2021 is a past edition: its decisions stand." in page
    assert "Add your review" not in page


# Commands: each of ours is run against the past edition, or said why it is not.
COMMANDS_RUN = {"import_posters", "export_posters", "seed_demo", "plan_reminders"}
COMMANDS_NOT_RUN = {
    "deliver_mail": "sends the mail queue (none is queued here); it reads and writes no edition",
    "send_queued_mail": "one pass of deliver_mail, for cron",
    "bench_pages": "reads pages under load (wrk, gunicorn); it writes only through seed_demo",
    "screenshots": "reads pages in a browser",
    "scale_check": "works in a scratch database of its own (the suite's spec: the test's), "
    "writing through seed_demo and the site's transitions, which refuse a past edition",
}


def test_every_command_of_ours_is_tried_against_a_past_edition_or_said_why_not():
    ours = {
        name
        for name, app in get_commands().items()
        if app.split(".")[0] in ("ecosystem_day", "posters", "sessions")
    }

    assert ours == COMMANDS_RUN | set(COMMANDS_NOT_RUN)


def test_every_command_that_writes_leaves_a_past_edition_unchanged(world, tmp_path):
    editions, _ = world
    catalogue = tmp_path / "catalogue.yaml"
    call_command("export_posters", str(catalogue), "--event", "2021", stdout=StringIO())
    catalogue.write_text(catalogue.read_text().replace("TorchTrace", "Rewritten"))
    before, mail = edition_rows(editions.past), emails_queued()

    with pytest.raises(CommandError) as refused:
        call_command("import_posters", str(catalogue), "--event", "2021", stdout=StringIO())
    with pytest.raises(CommandError, match=READ_ONLY):
        call_command("plan_reminders", "--event", "2021", stdout=StringIO())
    call_command("plan_reminders", stdout=StringIO())  # every open edition: not this one
    for stage in ("call", "review", "scheduled", "live", "over"):
        out = StringIO()
        call_command("seed_demo", stage=stage, posters=2, stdout=out)
        assert "PyTorch Ecosystem Day 2021 at /2021/" in out.getvalue()

    assert READ_ONLY in str(refused.value)
    assert edition_rows(editions.past) == before
    assert emails_queued() == mail
