"""The edit log: what changes in a poster without changing its status (a claim, an author's
edit, an import's update), apart from the status history, as Django's admin LogEntry is."""

from django.db import models
from django.utils import timezone

from ecosystem_day.infra.fields import recorded_by


class EditKind(models.TextChoices):
    CLAIMED = "claimed", "Claimed"
    EDITED = "edited", "Edited by its author"
    IMPORTED = "imported", "Updated by an import"
    COPRESENTERS = "presenters", "Co-presenters"


class PosterEdit(models.Model):
    """Who changed what of a poster, and when, apart from its status history (Django's admin
    `LogEntry` is the model): a claim, an author's edit, an import's update."""

    Kind = EditKind

    poster = models.ForeignKey(
        "posters.PosterProposal", on_delete=models.CASCADE, related_name="edits"
    )
    edited_by = recorded_by()
    edited_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=10, choices=EditKind.choices)
    changed = models.JSONField(
        "fields changed", default=list, blank=True, help_text="The names of the fields changed."
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["edited_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EditKind.values),
                name="poster_edit_kind_valid",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.note or ', '.join(self.changed)}"
