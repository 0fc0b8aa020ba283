"""Each app registers its own emails, with their sample values, from its AppConfig.ready().

Issue 15.1/15.2: the mail module found each app's `emails` module by name and held the
sample values of every app's templates, so the event layer named posters' and sessions'
variables. Now the import graph shows who sends what, and the event layer names none.
"""

import ast
import re
from pathlib import Path

from django.apps import apps
from post_office.models import EmailTemplate

from ecosystem_day.accounts import emails as account_emails
from ecosystem_day.infra.mail import registered_templates
from ecosystem_day.registration import emails as registration_emails
from posters import emails as poster_emails
from sessions import emails as session_emails
from sessions import reminder_emails

MAIL_PACKAGE = Path(apps.get_app_config("infra").path) / "mail"
APPS = {
    "accounts": [account_emails],
    "posters": [poster_emails],
    "breakouts": [session_emails, reminder_emails],
    "registration": [registration_emails],
}


def test_each_app_registers_its_own_templates_with_its_own_sample_values():
    registered = registered_templates()

    modules = [module for label_modules in APPS.values() for module in label_modules]
    assert {name: entry.app_label for name, entry in registered.items()} == {
        name: label
        for label, label_modules in APPS.items()
        for module in label_modules
        for name, *_ in module.TEMPLATES
    }
    for module in modules:
        for name, description, subject, content in module.TEMPLATES:
            entry = registered[name]
            assert (entry.description, entry.subject, entry.content) == (
                description,
                subject,
                content,
            )
            sample = module.SAMPLE_CONTEXT
            assert {key: entry.sample_context.get(key) for key in sample} == sample


def test_every_registered_email_is_installed_for_organizers_to_edit(db):
    assert set(EmailTemplate.objects.values_list("name", flat=True)) == set(registered_templates())


def test_every_variable_a_default_wording_uses_has_a_sample_value():
    """So the admin checks and previews an edit with the values real messages carry."""
    for name, entry in registered_templates().items():
        source = entry.subject + entry.content
        loop_names = set(re.findall(r"{%\s*for\s+(\w+)\s+in", source))
        used = set(re.findall(r"{[{%]\s*(?:if|elif|for \w+ in)?\s*(\w+)", source))
        missing = used - loop_names - set(entry.sample_context) - {"endif", "endfor", "else"}
        assert missing == set(), name


def test_the_mail_package_names_nothing_of_the_apps_above_it():
    higher = {"proposal", "release", "changes", "poster_title", "schedule_url", "proposal_url"}
    for path in sorted(MAIL_PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text())
        names = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom | ast.Import)
            for alias in node.names
        }
        assert names & higher == set(), path.name
        assert "import_module" not in imported, path.name
