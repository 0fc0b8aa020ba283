"""How an edition runs its review: blind or not, the criteria each review scores, and who is
assigned to review what. Posters and breakouts share the criteria; each kind keeps its own
scores and assignments (the abstract bases below; the breakouts' live in sessions).

The call's own settings (deadline, reviews wanted) are the call's; these are the review's,
one row per edition, so the two never edit the same model.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from ecosystem_day.event.models import Event


class ReviewSettings(models.Model):
    """One edition's way of reviewing; an edition without a row reviews openly, on one
    overall score."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="review_settings")
    blind = models.BooleanField(
        "blind review",
        default=False,
        help_text="Reviewers (not organizers) see no authors, submitter or links that name "
        "them, on any page of the desk.",
    )

    class Meta:
        verbose_name = "review settings"
        verbose_name_plural = "review settings"

    def __str__(self):
        return f"Review of {self.event.name}"

    @classmethod
    def of(cls, event):
        """The edition's settings, or the defaults (unsaved) while it has none."""
        found = cls.objects.filter(event=event).first()
        return found or cls(event=event)


class ReviewCriterion(models.Model):
    """What reviewers score, 1 to 5, beside their overall score: "Technical depth"."""

    settings = models.ForeignKey(ReviewSettings, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=80)
    help_text = models.CharField(
        max_length=300, blank=True, help_text="What a reviewer weighs: shown under the name."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "review criterion"
        verbose_name_plural = "review criteria"
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "name"],
                name="review_criterion_name_once",
                violation_error_message="The edition already has a criterion of that name.",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="review_criterion_named"),
        ]

    def __str__(self):
        return self.name

    @property
    def field_name(self):
        return f"criterion_{self.pk}"


class CriterionScoreBase(models.Model):
    """One review's score for one criterion; the concrete model names its review."""

    criterion = models.ForeignKey(ReviewCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        abstract = True
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="%(app_label)s_%(class)s_once"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5),
                name="%(app_label)s_%(class)s_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}/5"


class AssignmentBase(models.Model):
    """A reviewer asked by the organizers to review a proposal; the concrete model names it."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reviewer"],
                name="%(app_label)s_%(class)s_once",
                violation_error_message="That reviewer is already assigned to it.",
            )
        ]
        indexes = [models.Index(fields=["reviewer", "proposal"])]

    def __str__(self):
        return f"{self.reviewer} reviews “{self.proposal}”"
