"""Real catalogues as published: links without a scheme, control characters, hostile files,
the exit status that says what happened, null links, and past editions."""

import json
import os
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ecosystem_day.event.frozen import PastEditionReadOnly
from posters import catalogue_file
from posters.importing import import_catalogue
from posters.models import PosterProposal, StatusChange
from tests.factories import EventFactory, TopicFactory

ROOT = Path(__file__).resolve().parents[2]

# Three entries as pytorch.org's 2021 catalogues have them: two links without a scheme.
REAL_2021 = """\
- authors:
  - Derek Bouius
  categories:
  - Database & AI Accelerators
  description: AMD Instinct GPUs are enabled with the upstream PyTorch repository
    via the ROCm open software platform.
  link: www.amd.com/rocm
  section: K8
  title: PyTorch for AMD ROCm Platform
- authors:
  - Wenwei Zhang
  categories:
  - Vision
  description: OpenMMLab builds open-source toolboxes for computer vision.
  link: openmmlab.com
  section: L8
  title: OpenMMLab
- authors:
  - Ada Lovelace
  categories:
  - Vision
  description: A link that is no address at all.
  link: see our paper
  section: M8
  title: Unlinkable
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def import_posters(path, event, *more):
    out = StringIO()
    call_command("import_posters", path, "--event", event.slug, *more, stdout=out)
    return out.getvalue().splitlines()


def entry(title, **fields):
    return {
        "title": title,
        "description": f"What {title} does.",
        "authors": ["Ada Lovelace"],
        "categories": ["NLP"],
        **fields,
    }


def test_a_link_without_a_scheme_keeps_its_poster_read_as_https_and_says_so(tmp_path, event):
    report = import_posters(write(tmp_path, "pted2021.yaml", REAL_2021), event)

    assert report == [
        "entry 1 (line 1): link “www.amd.com/rocm” has no scheme: read as https://www.amd.com/rocm.",
        "entry 2 (line 10): link “openmmlab.com” has no scheme: read as https://openmmlab.com.",
        "entry 3 (line 18): link “see our paper” is not a web address starting http:// or "
        "https://: dropped; the poster is imported without it.",
        "new topics: Database & AI Accelerators, Vision",
        "Imported pted2021.yaml into PyTorch Ecosystem Day 2021 (3 entries): 3 created, "
        "0 updated, 0 unchanged, 0 skipped.",
    ]
    assert list(
        PosterProposal.objects.order_by("board_code").values_list("board_code", "link", "status")
    ) == [
        ("K8", "https://www.amd.com/rocm", "accepted"),
        ("L8", "https://openmmlab.com", "accepted"),
        ("M8", "", "accepted"),
    ]


KEPT = {
    "yaml": "- title: Kept\n  description: Fine.\n  authors: [Ada]\n  categories: [NLP]\n",
    "json": json.dumps(entry("Kept")),
    "csv": "Kept,Fine.,Ada,NLP\n",
}


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("escaped.yaml", '- title: "Null\\0byte"\n  description: x\n  authors: [A]\n', 1),
        ("escaped.json", json.dumps([entry("Null\x00byte"), entry("Kept")]), 1),
        ("raw.csv", "title,description,authors,categories\nNull\x00byte,x,A,NLP\n", 2),
    ],
    ids=["yaml-escape", "json-escape", "csv-raw-byte"],
)
def test_a_nul_byte_in_a_title_skips_that_entry_with_the_reason(tmp_path, event, name, text, line):
    kind = catalogue_file.format_of(name)
    path = write(tmp_path, name, text if kind == "json" else text + KEPT[kind])

    report = import_posters(path, event)

    assert report[0] == (
        f"entry 1 (line {line}): skipped: title holds a control character (U+0000) at "
        "character 5: remove it from the file and import the entry again."
    )
    assert list(PosterProposal.objects.values_list("title", flat=True)) == ["Kept"]


def test_a_control_character_anywhere_in_an_entry_skips_it(tmp_path, event):
    entries = [
        entry("Escape in a name", authors=["Ada", "Alan\x1bTuring"]),
        entry("Bell in the description", description="Rings\x07."),
        entry("Backspace in a topic", categories=["NLP", "Vis\x08ion"]),
        entry("DEL in the link", link="https://example.org/\x7f"),
        entry("Tabs and new lines are text", description="One\tcolumn.\nNext line."),
    ]
    path = write(tmp_path, "controls.json", json.dumps(entries, indent=2))

    report = import_posters(path, event)

    assert report == [
        "entry 1 (line 2): skipped: name 2 in authors holds a control character (U+001B) at "
        "character 5: remove it from the file and import the entry again.",
        "entry 2 (line 13): skipped: description holds a control character (U+0007) at "
        "character 6: remove it from the file and import the entry again.",
        "entry 3 (line 23): skipped: topic 2 in categories holds a control character (U+0008) "
        "at character 4: remove it from the file and import the entry again.",
        "entry 4 (line 34): skipped: link holds a control character (U+007F) at character 21: "
        "remove it from the file and import the entry again.",
        "Imported controls.json into PyTorch Ecosystem Day 2021 (5 entries): 1 created, "
        "0 updated, 0 unchanged, 4 skipped.",
    ]
    assert PosterProposal.objects.get().summary == "One\tcolumn.\nNext line."


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "raw-nul.yaml",
            "- title: Fine\n- title: Nul\x00here\n",
            "raw-nul.yaml: is not valid YAML: it holds a control character (U+0000) at line 2, "
            "column 13, which YAML does not allow; remove it.",
        ),
        (
            "deep.yaml",
            "[" * 5000 + "]" * 5000,
            "deep.yaml: is not valid YAML: exceeded maximum nesting depth (line 1, column 1001).",
        ),
        ("deep.json", "[" * 5000 + "]" * 5000, "deep.json: nests lists or mappings too deep."),
        (
            "deep-entry.json",
            '[{"title": ' + "[" * 5000 + "]" * 5000 + "}]",
            "deep-entry.json: nests lists or mappings too deep.",
        ),
        (
            "broken.json",
            '[{"title": "TorchTrace",\n  "authors": ["Ada"}]',
            "broken.json: is not valid JSON: Expecting ',' delimiter (line 2, column 20).",
        ),
        (
            "trailing.json",
            '[{"title": "TorchTrace"},]',
            "trailing.json: is not valid JSON: Expecting value (line 1, column 26).",
        ),
        (
            "mapping.json",
            '{"title": "TorchTrace"}',
            "mapping.json: must hold a list of entries ([{…}, …]); it holds a mapping.",
        ),
        (
            "number.json",
            "2021",
            "number.json: must hold a list of entries ([{…}, …]); it holds a number.",
        ),
        ("empty.json", "[]", "empty.json: holds no entries."),
        (
            "after.json",
            '[{"title": "TorchTrace"}] []',
            "after.json: is not valid JSON: Extra data after the list (line 1, column 27).",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else None,
)
def test_a_hostile_or_broken_file_imports_nothing_and_says_why(
    tmp_path, event, name, text, message
):
    path = write(tmp_path, name, text)

    with pytest.raises(CommandError) as refusal:
        import_posters(path, event)

    assert str(refusal.value) == f"{tmp_path}/{message}"
    assert PosterProposal.objects.count() == 0


def test_a_null_link_exports_as_null_and_an_empty_one_as_empty(tmp_path, event):
    entries = [
        entry("No link", link=None, section="A1"),
        entry("Empty link", link="", section="A2"),
    ]
    import_posters(write(tmp_path, "links.json", json.dumps(entries)), event)
    out = StringIO()
    call_command("export_posters", "--event", event.slug, stdout=out)
    exported_json = tmp_path / "exported.json"
    call_command("export_posters", str(exported_json), "--event", event.slug, stderr=StringIO())

    assert [line for line in out.getvalue().splitlines() if line.startswith("  link")] == [
        "  link: null",
        "  link: ''",
    ]
    assert [item["link"] for item in json.loads(exported_json.read_text())] == [None, ""]
    assert import_posters(str(exported_json), event) == [
        "Imported exported.json into PyTorch Ecosystem Day 2021 (2 entries): 0 created, "
        "0 updated, 2 unchanged, 0 skipped."
    ]


def test_the_json_round_trip_changes_nothing(tmp_path, event):
    import_posters(write(tmp_path, "pted2021.yaml", REAL_2021), event)
    exported = tmp_path / "exported.json"
    call_command("export_posters", str(exported), "--event", event.slug, stderr=StringIO())
    fresh = EventFactory(is_current=False, slug="fresh")

    import_posters(str(exported), fresh)
    again = tmp_path / "again.json"
    call_command("export_posters", str(again), "--event", fresh.slug, stderr=StringIO())

    assert again.read_text() == exported.read_text()
    assert [item["link"] for item in json.loads(again.read_text())] == [
        "https://www.amd.com/rocm",
        "https://openmmlab.com",
        "",
    ]


def test_a_past_edition_refuses_the_import_in_the_transition_itself(tmp_path, db):
    past = EventFactory(slug="2021", date=date(2021, 4, 21), is_current=False)
    TopicFactory(event=past, name="Vision")
    raw = catalogue_file.read_entries(write(tmp_path, "pted2021.yaml", REAL_2021))

    for dry_run in (False, True):
        with pytest.raises(PastEditionReadOnly) as refusal:
            import_catalogue(past, raw, source="pted2021.yaml", dry_run=dry_run)
        assert (
            str(refusal.value) == "PyTorch Ecosystem Day 2021 is a past edition: it is read-only."
        )

    assert PosterProposal.objects.count() == 0
    assert StatusChange.objects.count() == 0
    assert list(past.topics.values_list("name", flat=True)) == ["Vision"]


def run_command(*args):
    """manage.py import_posters in a process of its own, on the test database: its exit
    status is what a script running the import sees."""
    settings = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ecosystem_day.settings",
        "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}",
        "DEBUG": "1",
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "import_posters", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True)
def test_the_exit_status_says_whether_every_entry_was_imported(tmp_path):
    event = EventFactory(slug="next")
    TopicFactory(event=event, name="Vision")
    TopicFactory(event=event, name="NLP")
    every = write(tmp_path, "every.yaml", REAL_2021)
    some = write(tmp_path, "some.json", json.dumps([entry("Fine"), entry("")], indent=2))
    broken = write(tmp_path, "broken.json", "[{")

    imported = run_command(every, "--event", "next")
    skipped = run_command(some, "--event", "next")
    refused = run_command(broken, "--event", "next")
    dry_run = run_command(some, "--event", "next", "--dry-run")

    assert (imported.returncode, imported.stdout.splitlines()[-1]) == (
        0,
        "Imported every.yaml into PyTorch Ecosystem Day 2021 (3 entries): 3 created, 0 updated, "
        "0 unchanged, 0 skipped.",
    )
    assert (skipped.returncode, skipped.stdout.splitlines()) == (
        2,
        [
            "entry 2 (line 12): skipped: title is empty.",
            "Imported some.json into PyTorch Ecosystem Day 2021 (2 entries): 1 created, "
            "0 updated, 0 unchanged, 1 skipped.",
        ],
    )
    assert (refused.returncode, refused.stdout, refused.stderr.splitlines()[-1]) == (
        1,
        "",
        f"CommandError: {broken}: is not valid JSON: Expecting property name enclosed in "
        "double quotes (line 1, column 3).",
    )
    assert dry_run.returncode == 2
    assert PosterProposal.objects.filter(event=event).count() == 4
