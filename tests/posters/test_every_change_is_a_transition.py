"""Every change goes through a transition: the status history holds changes of status only,
edits (claims, authors' edits, imports' updates) have a log of their own, and statuses are
compared by named group, never by one literal."""

import ast
import importlib
import re
from pathlib import Path

from django.apps import apps

from posters import services
from posters.models import (
    ACCEPTED_STATES,
    DECIDED_STATES,
    OPEN_STATES,
    PosterEdit,
    PosterProposal,
    StatusChange,
)
from tests.factories import AcceptedPosterFactory, PosterProposalFactory, UserFactory
from tests.posters.test_import_export import AWKWARD, import_posters, write

ROOT = Path(__file__).resolve().parents[2]
Status = PosterProposal.Status
migration = importlib.import_module("posters.migrations.0006_edits_out_of_the_status_history")


def test_a_claim_is_an_edit_not_a_status_change(event, submitter):
    poster = AcceptedPosterFactory(event=event, submitter=None, claim_token="a-token-of-24-chars")

    services.claim_poster(poster, by=submitter, token="a-token-of-24-chars")

    assert list(poster.edits.values_list("edited_by", "kind", "changed", "note")) == [
        (
            submitter.pk,
            "claimed",
            ["submitter"],
            f"Claimed by {submitter.name} with the invitation link.",
        )
    ]
    assert poster.status_changes.count() == 0


def test_an_authors_edit_is_logged_with_the_fields_it_changed(event, submitter):
    poster = PosterProposalFactory(event=event, submitter=submitter, title="Old title")

    services.update_poster(poster, by=submitter, title="New title", summary=poster.summary)
    services.update_poster(poster, by=submitter, title="New title")

    assert list(poster.edits.values_list("edited_by", "kind", "changed")) == [
        (submitter.pk, "edited", ["title"])
    ]
    assert list(poster.status_changes.values_list("from_status", "to_status")) == []


def test_the_importer_writes_history_only_through_the_transition(tmp_path, event):
    """An import creates posters with one status change each, and an update is an edit; the
    importing module itself writes no row (the transition in posters/services.py does)."""
    import_posters(write(tmp_path, "awkward.yaml", AWKWARD), event)
    edited = AWKWARD.replace("Message passing on molecules.", "Message passing, revised.")
    import_posters(write(tmp_path, "awkward.yaml", edited), event)

    history = list(StatusChange.objects.values_list("from_status", "to_status"))
    assert history == [("", "accepted")] * 6
    assert list(PosterEdit.objects.values_list("kind", "changed", "note")) == [
        ("imported", ["summary"], "Imported from awkward.yaml: changed summary.")
    ]
    tree = ast.parse((ROOT / "posters" / "importing.py").read_text())
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert names & {"StatusChange", "PosterEdit"} == set()
    assert attributes & {"save", "create", "bulk_create", "bulk_update", "update"} == set()


def test_same_status_history_rows_move_to_the_edit_log_and_back(event, submitter):
    poster = AcceptedPosterFactory(event=event, submitter=submitter)
    organizer = UserFactory()
    decision = StatusChange.objects.create(
        proposal=poster, changed_by=organizer, from_status="submitted", to_status="accepted"
    )
    rows = [
        ("Claimed by Sam Submitter with the invitation link.", submitter),
        ("Imported from pted2021.yaml: changed summary, board.", organizer),
        ("Fixed a typo.", organizer),
    ]
    for note, by in rows:
        StatusChange.objects.create(
            proposal=poster, changed_by=by, from_status="accepted", to_status="accepted", note=note
        )

    migration.move_edits_out_of_the_status_history(apps, None)

    assert list(StatusChange.objects.all()) == [decision]
    assert list(
        PosterEdit.objects.values_list("poster", "edited_by", "kind", "changed", "note")
    ) == [
        (poster.pk, submitter.pk, "claimed", ["submitter"], rows[0][0]),
        (poster.pk, organizer.pk, "imported", ["summary", "board"], rows[1][0]),
        (poster.pk, organizer.pk, "edited", [], rows[2][0]),
    ]

    migration.put_edits_back_in_the_status_history(apps, None)

    assert PosterEdit.objects.count() == 0
    assert list(
        StatusChange.objects.order_by("pk").values_list("from_status", "to_status", "note")
    ) == [("submitted", "accepted", "")] + [("accepted", "accepted", note) for note, _ in rows]


def test_the_status_groups_name_each_meaning_once():
    assert {Status.ACCEPTED} == ACCEPTED_STATES
    assert {Status.SUBMITTED, Status.WAITLISTED} == OPEN_STATES
    assert {Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED} == DECIDED_STATES
    assert ACCEPTED_STATES <= DECIDED_STATES and not ACCEPTED_STATES & OPEN_STATES


# "Is it on show?" asked with one literal: an == / != test, or a filter on status=…ACCEPTED
# (setting a status, as a constructor does, is no question).
LITERAL_TEST = re.compile(r"[!=]= (?:[\w.]*\.)?Status\.ACCEPTED\b")
LITERAL_FILTER = re.compile(
    r"(?:filter|exclude|Q)\(.*\b(?:\w+__)?status=(?:[\w.]*\.)?Status\.ACCEPTED\b"
)


def test_no_code_asks_whether_a_proposal_is_on_show_with_one_literal():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in ("posters", "sessions", "ecosystem_day")
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if LITERAL_TEST.search(line) or LITERAL_FILTER.search(line)
    ]

    assert found == []
