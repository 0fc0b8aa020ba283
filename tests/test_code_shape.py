"""The code stays readable in one sitting, and the models say what the migrations do."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
LONGEST = 400  # lines: past it, a module is split by concept


def test_every_module_of_the_apps_is_under_400_lines():
    long = {
        path.relative_to(ROOT).as_posix(): lines
        for app in ("ecosystem_day", "posters", "sessions")
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        and (lines := len(path.read_text().splitlines())) >= LONGEST
    }

    assert long == {}


def test_the_models_need_no_migration_the_repository_does_not_have(db):
    out = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert out.getvalue() == "No changes detected\n"
