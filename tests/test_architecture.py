"""Dependencies run one way: sessions → posters → the event.

A lower layer never names a higher one: not by import, not by a string model reference
("breakouts.Track"), not by a reverse accessor (`poster.breakouts`), in its code, its
migrations or its templates. These tests read the source with `ast` and the models' own
metadata, so a new module or a new relation is checked without anyone listing it.
"""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
# Lowest first. The demo commands and the URLconf and settings assemble every app.
LAYERS = {"ecosystem_day": 0, "posters": 1, "sessions": 2}
APP_LABELS = {"ecosystem_day": ["ecosystem_day", "accounts", "registration"]}
APP_LABELS["posters"] = ["posters"]
APP_LABELS["sessions"] = ["breakouts"]
ASSEMBLY = {"ecosystem_day/urls.py", "ecosystem_day/settings.py", "ecosystem_day/test_settings.py"}
ASSEMBLY_DIRS = ("ecosystem_day/demo/",)


def layer_of_module(name):
    return LAYERS.get(name.split(".")[0])


def sources(package):
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in ASSEMBLY or relative.startswith(ASSEMBLY_DIRS):
            continue
        yield relative, ast.parse(path.read_text(), filename=relative)


def imported_modules(tree, relative):
    package = relative.rsplit("/", 1)[0].replace("/", ".")
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's own package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                yield ".".join([*base, node.module or ""]).strip(".")
            else:
                yield node.module


def string_model_references(tree):
    """ "app_label.Model" strings, as ForeignKey and migrations use them."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = re.fullmatch(r"(\w+)\.([A-Z]\w*)", node.value)
            if match:
                yield match.group(1)


def higher_labels(package):
    return {
        label
        for other, layer in LAYERS.items()
        if layer > LAYERS[package]
        for label in APP_LABELS[other]
    }


def reverse_accessors_into_higher_layers(package):
    """Names like `breakouts` that a lower model gains from a higher model's relation."""
    lower = set(APP_LABELS[package])
    higher = higher_labels(package)
    names = set()
    for model in apps.get_models():
        if model._meta.app_label not in lower:
            continue
        for relation in model._meta.related_objects:
            if relation.related_model._meta.app_label in higher:
                accessor = relation.get_accessor_name()
                if accessor and not accessor.endswith("+"):
                    names.add(accessor)
    return names


@pytest.mark.parametrize("package", ["ecosystem_day", "posters"])
def test_a_lower_layer_imports_no_higher_one(package):
    offending = [
        (relative, module)
        for relative, tree in sources(package)
        for module in imported_modules(tree, relative)
        if (layer_of_module(module) or 0) > LAYERS[package]
    ]

    assert offending == []


@pytest.mark.parametrize("package", ["ecosystem_day", "posters"])
def test_a_lower_layer_names_no_model_of_a_higher_one_by_string(package):
    higher = higher_labels(package)
    offending = [
        (relative, label)
        for relative, tree in sources(package)
        for label in string_model_references(tree)
        if label in higher
    ]

    assert offending == []


@pytest.mark.parametrize("package", ["ecosystem_day", "posters"])
def test_a_lower_layer_uses_no_reverse_accessor_into_a_higher_one(db, package):
    accessors = reverse_accessors_into_higher_layers(package)
    assert accessors, "the check must know the accessors it looks for"
    offending = [
        (relative, node.attr)
        for relative, tree in sources(package)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in accessors
    ]
    template_dir = ROOT / "templates" / package
    for path in sorted(template_dir.rglob("*.html")) if template_dir.exists() else []:
        for name in re.findall(
            r"\.(\w+)", " ".join(re.findall(r"{[{%].*?[%}]}", path.read_text()))
        ):
            if name in accessors:
                offending.append((path.relative_to(ROOT).as_posix(), name))

    assert offending == []


def test_posters_migrations_depend_on_nothing_of_sessions():
    for path in sorted((ROOT / "posters" / "migrations").glob("0*.py")):
        assert "breakouts" not in path.read_text(), path.name


def test_the_event_layer_does_not_assemble_the_apps_outside_the_urlconf_and_settings():
    """Only the demo commands, the URLconf and the settings know every app."""
    names = {relative for relative, _tree in sources("ecosystem_day")}

    assert "ecosystem_day/urls.py" not in names
    assert not any(name.startswith("ecosystem_day/demo/") for name in names)
    assert "ecosystem_day/accounts/models.py" in names


# Keys only a release's snapshot holds (sessions/releases.py `snapshot` writes them); not
# "breakout", which names a form field as well.
SNAPSHOT_KEYS = {
    "items",
    "tracks",
    "schema_version",
    "kind_label",
    "track_slug",
    "format_label",
    "speakers",
    "topic",
    "breakouts_start_at",
    "breakouts_end_at",
}
# Attributes that hold a part of the snapshot: `release.programme[...]`, `item.breakout[...]`.
SNAPSHOT_PARTS = {"programme", "breakout", "topic", "speakers", "tracks", "items"}
SNAPSHOT_WRITER_AND_READER = {"sessions/releases.py", "sessions/snapshot.py"}


def snapshot_reads(tree):
    """`x.programme[...]`, `x.breakout[...]` and `x["items"]`-like subscripts: the snapshot
    read as a dict."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Subscript) or isinstance(node.ctx, ast.Store):
            continue
        if isinstance(node.value, ast.Attribute) and node.value.attr in SNAPSHOT_PARTS:
            yield node.lineno, f"{node.value.attr}[...]"
        key = node.slice
        if isinstance(key, ast.Constant) and key.value in SNAPSHOT_KEYS:
            yield node.lineno, key.value


def test_only_the_snapshot_reader_indexes_a_releases_stored_json():
    """Pages, feeds, emails and the admin read releases through sessions/snapshot.py, whose
    frozen, typed items are the one place the stored JSON's keys are named. (The lower
    layers cannot import sessions, so only its modules could.)"""
    offending = [
        (relative, line, key)
        for relative, tree in sources("sessions")
        if relative not in SNAPSHOT_WRITER_AND_READER
        for line, key in snapshot_reads(tree)
    ]

    assert offending == []


MEMO_MODULE = "ecosystem_day/infra/memo.py"


def memo_caches(tree):
    """functools' caches (lru_cache, cache) used anywhere: the memo module's policy skipped."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "functools":
            for alias in node.names:
                if alias.name in {"lru_cache", "cache"}:
                    yield node.lineno, alias.name
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in {"lru_cache", "cache"}
            and isinstance(node.value, ast.Name)
            and node.value.id == "functools"
        ):
            yield node.lineno, f"functools.{node.attr}"


def test_every_per_process_memo_goes_through_the_memo_module():
    """One policy for memo caches (bounded, cleared before each test): the memo module
    (ecosystem_day/infra/memo.py)."""
    offending = [
        (relative, line, name)
        for package in LAYERS
        for relative, tree in sources(package)
        if relative != MEMO_MODULE
        for line, name in memo_caches(tree)
    ]

    assert offending == []


@pytest.mark.parametrize("package", ["ecosystem_day", "posters"])
def test_a_lower_layer_names_no_higher_app_or_module_in_a_string(package):
    """Not in `import_module("sessions.emails")`, not in a permission
    ("breakouts.add_schedulerelease"): each app says where it goes (its AppConfig's
    `desk_position`, its own registrations) and the lower layer stays ignorant of it. (A bare
    word such as "sessions" is the sessions of the day as often as the app: dotted names only.)"""
    higher = {
        name
        for other, layer in LAYERS.items()
        if layer > LAYERS[package]
        for name in (other, *APP_LABELS[other])
    }
    offending = [
        (relative, node.lineno, node.value)
        for relative, tree in sources(package)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and "." in node.value
        and node.value.split(".")[0] in higher
    ]

    assert offending == []
