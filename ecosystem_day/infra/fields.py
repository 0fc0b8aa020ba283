"""Model fields several apps declare alike."""

from django.conf import settings
from django.db import models


def recorded_by():
    """Who made a recorded change (a status, a place on the schedule, an edit, a release):
    None for the system, and kept as None when their account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
