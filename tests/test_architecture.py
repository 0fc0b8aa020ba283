"""Dependencies run one way: the shell → the demo → sessions → posters → the event → the
shared infrastructure (docs/architecture.md).

A lower layer never names a higher one: not by import, not by a module loaded by name
(`import_module("sessions.emails")`), not by a string model reference ("breakouts.Track"),
not by a reverse accessor (`poster.breakouts`), in its code, its migrations or its templates.
The shell (settings, URLconf, WSGI, the embedded database) is imported by no app, and models
import no page. These tests read the source with `ast` and the models' own metadata, so a new
module or a new relation is checked without anyone listing it.
"""

import ast
import re
from collections import defaultdict
from graphlib import TopologicalSorter
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
# Lowest first. The demo commands and the URLconf and settings assemble every app.
LAYERS = {"ecosystem_day": 0, "posters": 1, "sessions": 2}
APP_LABELS = {"ecosystem_day": ["ecosystem_day", "accounts", "registration"]}
APP_LABELS["posters"] = ["posters"]
APP_LABELS["sessions"] = ["breakouts"]
# The project shell: what DJANGO_SETTINGS_MODULE, gunicorn and the Makefile name.
SHELL = {
    f"ecosystem_day.{name}"
    for name in (
        "settings",
        "test_settings",
        "urls",
        "wsgi",
        "embedded_db",
        "deployment",
        "formats",
    )
}
SHELL_DIRS = ("ecosystem_day/formats/",)
ASSEMBLY = {f"{name.replace('.', '/')}.py" for name in SHELL}
ASSEMBLY_DIRS = ("ecosystem_day/demo/", *SHELL_DIRS)
INFRA = "ecosystem_day.infra"  # shared infrastructure: below every domain app


def layer_of_module(name):
    return LAYERS.get(name.split(".")[0])


def sources(package):
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in ASSEMBLY or relative.startswith(ASSEMBLY_DIRS):
            continue
        yield relative, ast.parse(path.read_text(), filename=relative)


LOADERS = {"import_module", "__import__", "import_string", "include"}


def loaded_by_name(node):
    """The module that `import_module("x.y")`, `importlib.import_module("x.y")`,
    `__import__("x.y")`, Django's `import_string("x.y.Name")` or a URLconf's `include("x.urls")`
    loads: an import too. A name computed at run time is returned as itself (an ast node) so
    that a spec can refuse it; `include()` of a list of patterns loads nothing."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    if name not in LOADERS:
        return None
    argument = node.args[0]
    if name == "include" and isinstance(argument, ast.List | ast.Tuple | ast.Name | ast.Attribute):
        return None
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value.rsplit(".", 1)[0] if name == "import_string" else argument.value
    return argument


def imported_modules(tree, relative):
    package = relative.rsplit("/", 1)[0].replace("/", ".")
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's own package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module or ""]).strip(".")
            else:
                module = node.module
            yield module
            # `from ecosystem_day import settings` imports a module too
            yield from (f"{module}.{alias.name}" for alias in node.names if alias.name != "*")
        elif isinstance(loaded := loaded_by_name(node), str):
            yield loaded


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


# What the breakouts app keeps of a session of the day (sessions/breakout_window.py).
BREAKOUT_WINDOW_NAMES = re.compile(r"\b(breakout_window|BreakoutWindow|breakouts_(start|end)_at)\b")


def test_the_event_layer_names_no_breakout_window_outside_its_old_migrations():
    """A session of the day's breakout window is the breakouts app's: the event layer, its
    templates and registration read the span (`Track.starts_at`, `ends_at`) and name no window;
    only its migrations from before the move still hold the old columns."""
    paths = [
        path
        for relative, _tree in sources("ecosystem_day")
        if "/migrations/" not in relative
        for path in [ROOT / relative]
    ]
    paths += sorted((ROOT / "templates").rglob("*.html"))
    offending = [
        path.relative_to(ROOT).as_posix()
        for path in paths
        if not path.relative_to(ROOT)
        .as_posix()
        .startswith(("templates/sessions/", "templates/posters/"))
        and BREAKOUT_WINDOW_NAMES.search(path.read_text())
    ]

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


# The split inside ecosystem_day/ (issue 15): the shell, the event, the infrastructure.
OURS = ("ecosystem_day", "posters", "sessions")
DOMAIN = ("ecosystem_day.event", "ecosystem_day.accounts", "ecosystem_day.registration")
DOMAIN_LABELS = ("ecosystem_day", "accounts", "registration", "posters", "breakouts", "demo")
PERMISSION = re.compile(rf"({'|'.join(DOMAIN_LABELS)})\.(add|change|delete|view)_\w+")


def product_sources():
    """Every module of ours: the shell and the demo included."""
    for package in OURS:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            yield relative, ast.parse(path.read_text(), filename=relative)


def module_name(relative):
    return relative.removesuffix(".py").replace("/", ".").removesuffix(".__init__")


def within(module, packages):
    return any(module == package or module.startswith(f"{package}.") for package in packages)


def test_the_shared_infrastructure_imports_no_domain_app():
    """ecosystem_day/infra/ serves every app and knows none: no import of the event, accounts,
    registration, posters, sessions or the demo, and no model, permission or module of theirs
    named in a string."""
    infra = [(r, tree) for r, tree in product_sources() if r.startswith("ecosystem_day/infra/")]
    assert len(infra) > 10, "the check must find the infrastructure's modules"
    domain = (*DOMAIN, "ecosystem_day.demo", "posters", "sessions")
    offending = [
        (relative, module)
        for relative, tree in infra
        for module in imported_modules(tree, relative)
        if within(module, domain)
    ] + [
        (relative, node.value)
        for relative, tree in infra
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if within(node.value, domain)
        or PERMISSION.fullmatch(node.value)
        or node.value.split(".")[0] in DOMAIN_LABELS
        and re.fullmatch(r"\w+\.[A-Z]\w*", node.value)
    ]

    assert offending == []


def test_no_app_imports_the_shell():
    """Apps read settings through django.conf and addresses through reverse(): none imports
    the settings, the URLconf, WSGI or the embedded database, or names them in a string (but
    the demo, which starts the project under gunicorn for its measurements, as make does)."""
    offending = [
        (relative, name)
        for relative, tree in product_sources()
        if not within(module_name(relative), SHELL)
        for name in [
            *imported_modules(tree, relative),
            *(
                node.value
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and not relative.startswith("ecosystem_day/demo/")
            ),
        ]
        if isinstance(name, str) and within(name, SHELL)
    ]

    assert offending == []


PAGE_MARKS = ("django.views", "django.shortcuts", "django.template.response")


def is_page_module(relative, tree):
    """Views, URLconfs, `*_pages` modules, and any module that answers requests."""
    parts = relative.removesuffix(".py").split("/")
    return (
        "views" in parts
        or parts[-1] in ("urls", "views")
        or parts[-1].endswith("_pages")
        or any(within(module, PAGE_MARKS) for module in imported_modules(tree, relative))
    )


def test_models_import_no_page_module_not_even_through_another_module():
    """`get_absolute_url` finds its address in a module of addresses (object_urls.py), so
    loading the models never loads a view."""
    modules = {module_name(relative): (relative, tree) for relative, tree in product_sources()}
    pages = {name for name, (relative, tree) in modules.items() if is_page_module(relative, tree)}

    def reached(start):
        seen, todo = set(), [start]
        while todo:
            relative, tree = modules[todo.pop()]
            for module in imported_modules(tree, relative):
                parts = module.split(".")
                for name in (".".join(parts[:n]) for n in range(1, len(parts) + 1)):
                    if name in modules and name not in seen:
                        seen.add(name)
                        todo.append(name)
        return seen

    model_modules = [
        name for name in modules if ".models" in f".{name}." and "migrations" not in name
    ]
    assert "posters.models" in model_modules and "ecosystem_day.event.models.event" in model_modules
    offending = {name: sorted(reached(name) & pages) for name in model_modules}

    assert {name: found for name, found in offending.items() if found} == {}


def test_a_module_loaded_by_name_counts_as_an_import():
    tree = ast.parse(
        "from importlib import import_module\n"
        'import_module("sessions.emails")\n'
        'import_string("posters.models.PosterProposal")\n'
    )

    assert list(imported_modules(tree, "ecosystem_day/event/x.py")) == [
        "importlib",
        "importlib.import_module",
        "sessions.emails",
        "posters.models",
    ]


def test_no_module_is_loaded_by_a_name_computed_at_run_time():
    """Such a load is an arrow no reader and no check can see."""
    offending = [
        (relative, node.lineno)
        for relative, tree in product_sources()
        for node in ast.walk(tree)
        if isinstance(loaded_by_name(node), ast.AST)
    ]

    assert offending == []


def package_of(module):
    """infra, event, accounts, registration, demo (ecosystem_day.*), posters, sessions, or the
    shell."""
    parts = module.split(".")
    if within(module, SHELL) or module == "ecosystem_day":
        return "shell"
    return ".".join(parts[:2]) if parts[0] == "ecosystem_day" else parts[0]


def test_the_packages_import_each_other_one_way_with_the_demo_and_the_shell_on_top():
    graph = defaultdict(set)
    for relative, tree in product_sources():
        source = package_of(module_name(relative))
        for module in imported_modules(tree, relative):
            if within(module, OURS) and package_of(module) != source:
                graph[source].add(package_of(module))

    TopologicalSorter(graph).prepare()  # raises CycleError, naming the circle
    assert [source for source, targets in graph.items() if "ecosystem_day.demo" in targets] == []
    assert [source for source, targets in graph.items() if "shell" in targets] == []
