"""A constraint PostgreSQL enforces, met by a double submit, shown as the form's own error.

Forms check uniqueness first (the friendly face); two requests at the same moment can both
pass that check, and then the database refuses the second. Every create runs its write in
`refused_by_constraints()`, which turns that refusal into the constraint's own message.
"""

from contextlib import contextmanager

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


def _messages_by_constraint_name():
    messages = {}
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.violation_error_message:
                messages[constraint.name] = constraint.get_violation_error_message()
        for field in model._meta.local_fields:
            if field.unique and not field.primary_key:
                # PostgreSQL's name for a column's UNIQUE clause.
                messages[f"{model._meta.db_table}_{field.column}_key"] = field.error_messages[
                    "unique"
                ] % {
                    "model_name": model._meta.verbose_name.capitalize(),
                    "field_label": field.verbose_name,
                }
    return messages


@contextmanager
def refused_by_constraints():
    """Run a write in a savepoint; a violated named constraint becomes a ValidationError."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
        message = _messages_by_constraint_name().get(name)
        if message is None:
            raise
        raise ValidationError(message, code="constraint") from error
