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
