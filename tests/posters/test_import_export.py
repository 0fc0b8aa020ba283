"""The public catalogue in and out: import_posters (YAML or CSV) and export_posters."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ecosystem_day.event.models import PublicVersion, Topic
from posters.models import PosterProposal, StatusChange
from tests.factories import (
    AcceptedPosterFactory,
    EventFactory,
    PosterProposalFactory,
    UserFactory,
)

Status = PosterProposal.Status
LONG = "Paragraph. " * 910  # 10,009 characters once the last space goes
STRAY_SPACES = "   "

AWKWARD = f"""\
# The catalogue as published, with what real files get wrong.
- title: "  TorchTrace:   live tracing for PyTorch  "
  description: |
    TorchTrace records every operator a model runs.{STRAY_SPACES}

    It shows where the time goes, on CPU and GPU alike.
  authors: [" Zoë Çelik ", "Jürgen  Müller", "", "李小龙"]
  categories: [Profiling, Compilers]
  link: ""
  section: " a4 "
  poster_link: https://example.org/torchtrace.pdf
  thumbnail_link: https://example.org/torchtrace.png
- title: Fast tokenizers
  description: Tokenizers written in Rust, driven from PyTorch.
  authors: [Ada Lovelace]
  categories: [nlp]
  link: https://github.com/example/tokenizers
  section: B2
- title: Fast tokenizers
  description: A second poster with the same title, on another board.
  authors: [Alan Turing]
  categories: [NLP]
  link:
  section: B10
- title: Graph nets
  description: Message passing on molecules.
  authors: [Grace Hopper]
  categories: [Chemistry]
  link: ""
  section: ""
- title: "graph   NETS"
  description: The same title again, and neither has a board.
  authors: [Edsger Dijkstra]
  categories: [Chemistry]
- title: ""
  description: No title at all.
  authors: [Nobody]
  categories: [NLP]
- title: 2021
  description: A title YAML reads as a number.
  authors: [Ada Lovelace]
  categories: [NLP]
- title: Authors as one string
  description: The authors should be a list.
  authors: Ada Lovelace, Alan Turing
  categories: [NLP]
- title: No topic
  description: The categories are empty.
  authors: [Ada Lovelace]
  categories: []
- title: Same board
  description: A4 is TorchTrace's.
  authors: [Ada Lovelace]
  categories: [NLP]
  section: A4
- title: An FTP link
  description: Only web links are kept.
  authors: [Ada Lovelace]
  categories: [NLP]
  link: ftp://example.org/paper.pdf
- title: Board the wrong way round
  description: Digits before letters.
  authors: [Ada Lovelace]
  categories: [NLP]
  section: 4A
- Just a title on its own
- title: A thumbnail over http
  description: Pages are served over https, so are their images.
  authors: [Ada Lovelace]
  categories: [NLP]
  thumbnail_link: http://example.org/thumb.png
- title: Far too long
  description: "{LONG}"
  authors: [Ada Lovelace]
  categories: [NLP]
"""

AWKWARD_REPORT = [
    "entry 5 (line 31): skipped: has the same title as entry 4 (line 25) and neither has a "
    "section: give each a board code to import both.",
    "entry 6 (line 35): skipped: title is empty.",
    "entry 7 (line 39): skipped: title must be text, not a number (put it in quotes in YAML).",
    "entry 8 (line 43): skipped: authors must be a list of names, not text.",
    "entry 9 (line 47): skipped: categories names no topic.",
    "entry 10 (line 51): skipped: section A4 is already given to entry 1 (line 2).",
    "entry 11 (line 56): link “ftp://example.org/paper.pdf” is not a web address starting "
    "http:// or https://: dropped; the poster is imported without it.",
    "entry 12 (line 61): skipped: section “4A” is not a board code. Letters for the row, then "
    "the board's number in it: A4, J8, AA12.",
    "entry 13 (line 66): skipped: is text, not an entry with title, description, authors and "
    "categories.",
    "entry 14 (line 67): thumbnail_link “http://example.org/thumb.png” is not a web address "
    "starting https://: dropped; the poster is imported without it.",
    "entry 15 (line 72): skipped: description has 10,009 characters; at most 10,000.",
    "new topics: Profiling, Chemistry",
    "Imported awkward.yaml into PyTorch Ecosystem Day 2021 (15 entries): 6 created, "
    "0 updated, 0 unchanged, 9 skipped.",
]


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue().splitlines()


def import_posters(path, event, *more):
    return run("import_posters", path, "--event", event.slug, *more)


def export(event, path=None):
    out = StringIO()
    call_command("export_posters", *([path] if path else []), "--event", event.slug, stdout=out)
    return out.getvalue()


def catalogue(event):
    """What the event's posters say, as comparable tuples, by title and board."""
    return sorted(
        (
            poster.title,
            poster.summary,
            poster.author_list,
            [poster.topic.name, *sorted(t.name for t in poster.extra_topics.all())],
            poster.link,
            poster.board_code,
            poster.poster_link,
            poster.thumbnail_link,
            poster.status,
            poster.submitter_id,
        )
        for poster in PosterProposal.objects.filter(event=event)
    )


def test_an_awkward_catalogue_imports_what_it_can_and_says_why_it_skips_the_rest(
    tmp_path, event, queued_mail
):
    path = write(tmp_path, "awkward.yaml", AWKWARD)

    report = import_posters(path, event)

    assert report == AWKWARD_REPORT
    assert catalogue(event) == [
        (
            "A thumbnail over http",
            "Pages are served over https, so are their images.",
            ["Ada Lovelace"],
            ["NLP"],
            None,
            "",
            "",
            "",
            Status.ACCEPTED,
            None,
        ),
        (
            "An FTP link",
            "Only web links are kept.",
            ["Ada Lovelace"],
            ["NLP"],
            "",
            "",
            "",
            "",
            Status.ACCEPTED,
            None,
        ),
        (
            "Fast tokenizers",
            "A second poster with the same title, on another board.",
            ["Alan Turing"],
            ["NLP"],
            None,
            "B10",
            "",
            "",
            Status.ACCEPTED,
            None,
        ),
        (
            "Fast tokenizers",
            "Tokenizers written in Rust, driven from PyTorch.",
            ["Ada Lovelace"],
            ["NLP"],
            "https://github.com/example/tokenizers",
            "B2",
            "",
            "",
            Status.ACCEPTED,
            None,
        ),
        (
            "Graph nets",
            "Message passing on molecules.",
            ["Grace Hopper"],
            ["Chemistry"],
            "",
            "",
            "",
            "",
            Status.ACCEPTED,
            None,
        ),
        (
            "TorchTrace: live tracing for PyTorch",
            "TorchTrace records every operator a model runs.\n\n"
            "It shows where the time goes, on CPU and GPU alike.",
            ["Zoë Çelik", "Jürgen Müller", "李小龙"],
            ["Profiling", "Compilers"],
            "",
            "A4",
            "https://example.org/torchtrace.pdf",
            "https://example.org/torchtrace.png",
            Status.ACCEPTED,
            None,
        ),
    ]
    assert list(event.topics.values_list("name", flat=True)) == [
        "Compilers",
        "NLP",
        "Profiling",
        "Chemistry",
    ]
    assert list(
        StatusChange.objects.order_by("proposal__board_code").values_list(
            "proposal__board_code", "from_status", "to_status", "changed_by", "note"
        )
    ) == [
        (code, "", "accepted", None, "Imported from awkward.yaml.")
        for code in ("", "", "", "A4", "B10", "B2")
    ]
    assert queued_mail == []
    tokens = set(PosterProposal.objects.values_list("claim_token", flat=True))
    assert len(tokens) == 6 and "" not in tokens


def test_importing_the_same_file_again_changes_nothing(
    tmp_path, event, django_capture_on_commit_callbacks
):
    path = write(tmp_path, "awkward.yaml", AWKWARD)
    import_posters(path, event)
    before = catalogue(event)
    stamps = list(PosterProposal.objects.order_by("pk").values_list("pk", "updated_at"))
    history = StatusChange.objects.count()
    version = PublicVersion.objects.get(event=event).number

    with django_capture_on_commit_callbacks(execute=True):
        report = import_posters(path, event)

    assert report[:11] == AWKWARD_REPORT[:11]
    assert report[11:] == [
        "Imported awkward.yaml into PyTorch Ecosystem Day 2021 (15 entries): 0 created, "
        "0 updated, 6 unchanged, 9 skipped."
    ]
    assert catalogue(event) == before
    assert list(PosterProposal.objects.order_by("pk").values_list("pk", "updated_at")) == stamps
    assert StatusChange.objects.count() == history
    assert PublicVersion.objects.get(event=event).number == version


def test_an_import_bumps_the_public_version_once_after_commit(
    tmp_path, event, django_capture_on_commit_callbacks
):
    path = write(tmp_path, "awkward.yaml", AWKWARD)
    version = PublicVersion.objects.get(event=event).number

    with django_capture_on_commit_callbacks(execute=True):
        import_posters(path, event)

    assert PublicVersion.objects.get(event=event).number == version + 1


def test_an_edited_file_updates_the_posters_it_matches_and_says_what_changed(tmp_path, event):
    import_posters(write(tmp_path, "awkward.yaml", AWKWARD), event)
    edited = (
        AWKWARD.replace("TorchTrace:   live tracing", "TorchTrace: live tracing, explained")
        .replace("Message passing on molecules.", "Message passing on molecules and proteins.")
        .replace('  section: ""\n', "  section: C1\n", 1)
        .replace("categories: [Profiling, Compilers]", "categories: [Profiling]")
    )

    report = import_posters(write(tmp_path, "awkward.yaml", edited), event)

    # Entry 5 shares entry 4's title; now that entry 4 names its board, they are told apart.
    assert report[10:] == [
        "updated “TorchTrace: live tracing, explained for PyTorch”: title, also listed under",
        "updated “Graph nets”: summary, board",
        "Imported awkward.yaml into PyTorch Ecosystem Day 2021 (15 entries): 1 created, "
        "2 updated, 4 unchanged, 8 skipped.",
    ]
    trace = PosterProposal.objects.get(board_code="A4")
    assert trace.title == "TorchTrace: live tracing, explained for PyTorch"
    assert list(trace.extra_topics.all()) == []
    graph = PosterProposal.objects.get(title="Graph nets", board_code="C1")
    assert (graph.board_code, graph.summary) == ("C1", "Message passing on molecules and proteins.")
    assert graph.edits.get().note == "Imported from awkward.yaml: changed summary, board."
    assert graph.edits.get().changed == ["summary", "board_code"]
    assert graph.status_changes.count() == 1  # its import; an update is an edit
    assert PosterProposal.objects.filter(title="graph NETS", board_code="").count() == 1
    assert PosterProposal.objects.count() == 7


def test_a_dry_run_reports_what_would_happen_and_saves_nothing(
    tmp_path, event, django_capture_on_commit_callbacks
):
    path = write(tmp_path, "awkward.yaml", AWKWARD)
    version = PublicVersion.objects.get(event=event).number

    with django_capture_on_commit_callbacks(execute=True):
        report = import_posters(path, event, "--dry-run")

    assert report[:12] == AWKWARD_REPORT[:12]
    assert report[12:] == [
        "Dry run of awkward.yaml for PyTorch Ecosystem Day 2021 (15 entries): would create 6, "
        "update 0, leave 0 unchanged and skip 9. Nothing was saved."
    ]
    assert PosterProposal.objects.count() == 0
    assert list(event.topics.values_list("name", flat=True)) == ["Compilers", "NLP"]
    assert PublicVersion.objects.get(event=event).number == version


def test_the_history_names_the_organizer_who_ran_the_import(tmp_path, event, organizer):
    path = write(tmp_path, "awkward.yaml", AWKWARD)

    import_posters(path, event, "--by", "OLIVIA@example.org")

    assert set(StatusChange.objects.values_list("changed_by", flat=True)) == {organizer.pk}


def test_only_an_organizer_can_be_named_as_the_importer(tmp_path, event, reviewer):
    path = write(tmp_path, "awkward.yaml", AWKWARD)

    with pytest.raises(CommandError) as refusal:
        import_posters(path, event, "--by", reviewer.email)

    assert str(refusal.value) == "ravi@example.org is not an organizer's account."
    assert PosterProposal.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "broken.yaml",
            "- title: TorchTrace\n  authors: [Ada Lovelace\n- title: Next\n",
            "broken.yaml: is not valid YAML: did not find expected ',' or ']' (line 3, column 8).",
        ),
        (
            "mapping.yaml",
            "title: TorchTrace\nauthors: [Ada]\n",
            "mapping.yaml: must hold a list of entries (each starting with “- title:”); it holds "
            "a mapping.",
        ),
        ("empty.yml", "# nothing yet\n", "empty.yml: holds no entries."),
        (
            "posters.txt",
            "[]",
            "posters.txt: name the file .yaml, .yml, .json or .csv, so the import knows its "
            "format.",
        ),
        (
            "columns.csv",
            "title,description\nTorchTrace,Tracing\n",
            "columns.csv: the first row must name the columns; missing: authors, categories.",
        ),
    ],
    ids=["malformed", "not-a-list", "empty", "unknown-extension", "missing-columns"],
)
def test_a_file_that_cannot_be_read_as_a_catalogue_imports_nothing_and_says_why(
    tmp_path, event, name, text, message
):
    path = write(tmp_path, name, text)

    with pytest.raises(CommandError) as refusal:
        import_posters(path, event)

    assert str(refusal.value) == f"{tmp_path}/{message}"
    assert PosterProposal.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused(tmp_path, event):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("- title: Café\n".encode("latin-1"))

    with pytest.raises(CommandError) as refusal:
        import_posters(str(path), event)

    assert str(refusal.value) == f"{path}: is not UTF-8 text (byte 13 is not); save it as UTF-8."


def test_an_unknown_event_is_refused_with_the_slugs_there_are(tmp_path, event):
    with pytest.raises(CommandError) as refusal:
        import_posters(write(tmp_path, "awkward.yaml", AWKWARD), EventFactory.build(slug="nope"))

    assert str(refusal.value) == f"No event has the slug “nope”. Events: {event.slug}."


def test_a_poster_from_the_call_is_never_taken_over_by_an_entry_of_its_title(
    tmp_path, event, submitter
):
    PosterProposalFactory(event=event, submitter=submitter, title="Graph Nets")
    path = write(
        tmp_path,
        "one.yaml",
        "- title: Graph nets\n  description: Imported.\n  authors: [Grace]\n  categories: [NLP]\n",
    )

    report = import_posters(path, event)

    [poster] = PosterProposal.objects.all()
    assert report[0] == (
        f"entry 1 (line 1): skipped: matches “Graph Nets” (#{poster.pk}), which is submitted: "
        "the import only adds and updates accepted posters."
    )
    assert (poster.status, poster.summary.startswith("A library")) == (Status.SUBMITTED, True)


def test_a_title_two_posters_of_the_event_share_is_not_guessed(tmp_path, event):
    AcceptedPosterFactory(event=event, title="Graph nets", board_code="A1")
    AcceptedPosterFactory(event=event, title="Graph nets", board_code="A2")
    path = write(
        tmp_path,
        "one.yaml",
        "- title: Graph nets\n  description: Which one?\n  authors: [Grace]\n  categories: [NLP]\n",
    )

    report = import_posters(path, event)

    assert report[0] == (
        "entry 1 (line 1): skipped: 2 posters of the event are titled “Graph nets”: give the "
        "entry the section (board code) of the one it is."
    )


def test_the_yaml_round_trip_changes_nothing(tmp_path, event):
    import_posters(write(tmp_path, "awkward.yaml", AWKWARD), event)
    exported = export(event)
    fresh = EventFactory(is_current=False, slug="fresh")

    same_event = import_posters(write(tmp_path, "exported.yaml", exported), event)
    import_posters(write(tmp_path, "exported.yaml", exported), fresh)

    assert same_event == [
        "Imported exported.yaml into PyTorch Ecosystem Day 2021 (6 entries): 0 created, "
        "0 updated, 6 unchanged, 0 skipped."
    ]
    assert export(fresh) == exported
    assert catalogue(fresh) == catalogue(event)


def test_the_export_is_the_published_yaml_in_board_order(tmp_path, event):
    import_posters(write(tmp_path, "awkward.yaml", AWKWARD), event)
    AcceptedPosterFactory(event=event, title="Not imported", board_code="A10", link="")
    PosterProposalFactory(event=event, title="Still in review")

    exported = export(event)

    assert exported.startswith(
        "- title: 'TorchTrace: live tracing for PyTorch'\n"
        "  description: |-\n"
        "    TorchTrace records every operator a model runs.\n"
        "\n"
        "    It shows where the time goes, on CPU and GPU alike.\n"
        "  authors:\n"
        "  - Zoë Çelik\n"
        "  - Jürgen Müller\n"
        "  - 李小龙\n"
        "  categories:\n"
        "  - Profiling\n"
        "  - Compilers\n"
        "  link: ''\n"
        "  section: A4\n"
        "  poster_link: https://example.org/torchtrace.pdf\n"
        "  thumbnail_link: https://example.org/torchtrace.png\n"
        "- title: Not imported\n"
    )
    titles = [line for line in exported.splitlines() if line.startswith("- title")]
    assert titles == [
        "- title: 'TorchTrace: live tracing for PyTorch'",
        "- title: Not imported",
        "- title: Fast tokenizers",
        "- title: Fast tokenizers",
        "- title: A thumbnail over http",
        "- title: An FTP link",
        "- title: Graph nets",
    ]
    assert "B2\n" in exported.split("- title: Fast tokenizers")[1]


def test_a_csv_with_the_same_columns_imports_the_same_posters(tmp_path, event):
    import_posters(write(tmp_path, "awkward.yaml", AWKWARD), event)
    csv_path = str(tmp_path / "catalogue.csv")
    export(event, csv_path)
    fresh = EventFactory(is_current=False, slug="fresh")

    report = import_posters(csv_path, fresh)
    again = import_posters(csv_path, fresh)

    assert report[-1] == (
        "Imported catalogue.csv into PyTorch Ecosystem Day 2021 (6 entries): 6 created, "
        "0 updated, 0 unchanged, 0 skipped."
    )
    assert again[-1] == (
        "Imported catalogue.csv into PyTorch Ecosystem Day 2021 (6 entries): 0 created, "
        "0 updated, 6 unchanged, 0 skipped."
    )
    # CSV has no null: a link the YAML gave as null comes back empty.
    assert catalogue(fresh) == [(*c[:4], c[4] or "", *c[5:]) for c in catalogue(event)]
    with open(csv_path, encoding="utf-8", newline="") as stream:
        header, first = stream.read().split("\r\n")[:2]
    assert header == "title,description,authors,categories,link,section,poster_link,thumbnail_link"
    assert first.startswith('TorchTrace: live tracing for PyTorch,"TorchTrace records')


def test_a_hand_written_csv_reports_its_bad_rows_by_line(tmp_path, event):
    path = write(
        tmp_path,
        "hand.csv",
        "title,description,authors,categories,link,section\n"
        '"Multi-line","First line.\nSecond line.",Ada Lovelace; Alan Turing,NLP; Vision,,D4\n'
        "No authors,Nobody wrote it.,,NLP,,\n"
        "Too many cells,x,Ada,NLP,,,extra\n",
    )

    report = import_posters(path, event)

    assert report == [
        "entry 2 (line 4): skipped: authors names no name.",
        "entry 3 (line 5): skipped: has more cells than the first row has columns.",
        "new topics: Vision",
        "Imported hand.csv into PyTorch Ecosystem Day 2021 (3 entries): 1 created, 0 updated, "
        "0 unchanged, 2 skipped.",
    ]
    poster = PosterProposal.objects.get()
    assert (poster.summary, poster.author_list, poster.board_code) == (
        "First line.\nSecond line.",
        ["Ada Lovelace", "Alan Turing"],
        "D4",
    )
    assert [t.name for t in poster.extra_topics.all()] == ["Vision"]


def test_the_admin_exports_any_selection_as_csv_safe_for_spreadsheets(client, organizer, event):
    AcceptedPosterFactory(
        event=event,
        title="=HYPERLINK(1)",
        authors="Ada Lovelace\nAlan Turing",
        board_code="A1",
        topic=event.topics.get(name="NLP"),
    )
    PosterProposalFactory(event=event, title="In review", link="")
    client.force_login(organizer)
    selected = list(PosterProposal.objects.order_by("title").values_list("pk", flat=True))

    response = client.post(
        "/admin/posters/posterproposal/?status=all",
        {"action": "export_csv", "_selected_action": selected, "index": 0},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="posters.csv"'
    lines = response.content.decode().split("\r\n")
    assert lines[0] == (
        "title,description,authors,categories,link,section,poster_link,thumbnail_link"
    )
    assert lines[1].startswith("'=HYPERLINK(1),")
    assert ",Ada Lovelace; Alan Turing,NLP,https://github.com/example/project,A1,," in lines[1]
    assert lines[2].startswith("In review,")
    assert len(lines) == 4 and lines[3] == ""


def test_a_reviewer_is_not_offered_the_csv_export(client, reviewer, event):
    PosterProposalFactory(event=event)
    client.force_login(reviewer)

    content = client.get("/admin/posters/posterproposal/").content.decode()

    assert 'value="export_csv"' not in content


def test_unknown_topics_are_created_at_the_end_of_the_event_list(tmp_path, event):
    Topic.objects.filter(event=event, name="Compilers").update(position=7)
    import_posters(write(tmp_path, "awkward.yaml", AWKWARD), event)

    assert list(event.topics.values_list("name", "position")) == [
        ("NLP", 0),
        ("Compilers", 7),
        ("Profiling", 8),
        ("Chemistry", 9),
    ]


def test_an_imported_poster_is_on_the_public_catalogue_with_nobody_owning_it(
    tmp_path, client, event
):
    import_posters(write(tmp_path, "awkward.yaml", AWKWARD), event)

    content = client.get("/posters/").content.decode()

    assert "TorchTrace: live tracing for PyTorch" in content
    assert UserFactory._meta.model.objects.count() == 0
