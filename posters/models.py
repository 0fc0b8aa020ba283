"""Poster proposals, their reviews and the history of their status."""

from django.conf import settings
from django.core.validators import (
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
    URLValidator,
)
from django.db import models
from django.urls import reverse

from ecosystem_day.models import Event, Topic

TITLE_MAX = 200
SUMMARY_MIN = 200
SUMMARY_MAX = 3000
AUTHORS_MAX = 20
AUTHOR_NAME_MAX = 120


class PosterStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    WAITLISTED = "waitlisted", "Wait-listed"
    REJECTED = "rejected", "Not accepted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PosterProposal(models.Model):
    Status = PosterStatus

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="posters")
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="poster_proposals"
    )
    title = models.CharField(max_length=TITLE_MAX)
    summary = models.TextField(
        max_length=SUMMARY_MAX,
        validators=[MinLengthValidator(SUMMARY_MIN)],
        help_text=f"What the project, tool or library does and who it helps "
        f"({SUMMARY_MIN}–{SUMMARY_MAX} characters).",
    )
    authors = models.TextField(
        help_text="One name per line, in the order they should appear.",
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="posters")
    link = models.URLField(
        "project or paper link",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Optional: the repository, paper or project page (http or https).",
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    created_at = models.DateTimeField("submitted at", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "poster proposal"
        permissions = [("decide_posterproposal", "Can accept, reject or wait-list posters")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PosterStatus.values),
                name="poster_status_valid",
            ),
            models.CheckConstraint(condition=~models.Q(title=""), name="poster_title_not_empty"),
            models.CheckConstraint(
                condition=~models.Q(authors=""), name="poster_authors_not_empty"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The submitter's own page for the proposal."""
        return reverse("poster_detail", args=[self.pk])

    def get_edit_url(self):
        return reverse("poster_edit", args=[self.pk])

    def get_withdraw_url(self):
        return reverse("poster_withdraw", args=[self.pk])

    @property
    def author_list(self):
        return [name.strip() for name in self.authors.splitlines() if name.strip()]

    def can_be_edited(self, at=None):
        """Authors may change a proposal only while it awaits review and the call is open."""
        return self.status == self.Status.SUBMITTED and self.event.cfp_is_open(at)

    def can_be_withdrawn(self):
        return self.status != self.Status.WITHDRAWN


class Review(models.Model):
    """One reviewer's score and comment for one proposal."""

    proposal = models.ForeignKey(PosterProposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="poster_reviews"
    )
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (weak) to 5 (excellent).",
    )
    comment = models.TextField(help_text="Seen by organizers and reviewers, never by authors.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reviewer"],
                name="one_review_per_reviewer_per_poster",
                violation_error_message="You have already reviewed this proposal: "
                "edit your review instead.",
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="review_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} on “{self.proposal}”: {self.score}/5"


class StatusChange(models.Model):
    """The history of a proposal: who changed its status, when, from what to what, and why."""

    proposal = models.ForeignKey(
        PosterProposal, on_delete=models.CASCADE, related_name="status_changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=12, choices=PosterProposal.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=PosterProposal.Status.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"
