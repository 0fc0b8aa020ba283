"""Poster proposals, their reviews and the history of their status.

`Proposal`, `ReviewBase` and `StatusChangeBase` are the machinery breakouts reuse;
posters/proposals.py holds the rules that move a proposal from one status to another.
"""

import re
import secrets

from django.conf import settings
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ecosystem_day.event.models import Event, PublicVersion, Topic, Track
from ecosystem_day.event.object_urls import object_url
from ecosystem_day.infra.fields import recorded_by

from . import emails
from .call import SUMMARY_LIMIT, CallForPosters, call_for  # noqa: F401  (this app's model too)
from .review_models import (  # the review settings are this app's models too
    AssignmentBase,
    CriterionScoreBase,
    ReviewCriterion,  # noqa: F401
    ReviewSettings,  # noqa: F401
)

TITLE_MAX = 200
AUTHORS_MAX = 20
AUTHOR_NAME_MAX = 120
BOARD_CODE_PATTERN = r"^[A-Z]{1,3}[0-9]{1,3}$"
BOARD_CODE_HELP = "Letters for the row, then the board's number in it: A4, J8, AA12."


def normalise_board_code(value):
    """ " a 4 " → "A4": what organizers type or files hold, as the database keeps it."""
    return re.sub(r"\s+", "", value or "").upper()


def new_claim_token():
    return secrets.token_urlsafe(24)


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    WAITLISTED = "waitlisted", "Wait-listed"
    REJECTED = "rejected", "Not accepted"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The statuses by what they mean, named once (pretalx's `accepted_states`): code asks "is it
# on show?", not "is it this one literal?", so a new status is added in one place.
# On show: public pages, breakouts, claims and imports (filter with status__in).
ACCEPTED_STATES = frozenset({ProposalStatus.ACCEPTED})
# No final answer yet: in review, or on the wait-list.
OPEN_STATES = frozenset({ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED})
# What organizers decide (a withdrawal is the submitter's, or theirs).
DECIDED_STATES = frozenset(
    {ProposalStatus.ACCEPTED, ProposalStatus.WAITLISTED, ProposalStatus.REJECTED}
)


class Proposal(models.Model):
    """What posters and breakouts share: a submitter, a status and its history, reviews.

    Only an accepted proposal is on public pages, so only saving an accepted one (or
    moving one away from accepted, see proposals.record_status_change) bumps the event's
    public version: submissions and their edits never flush the attendees' cached pages.
    """

    Status = ProposalStatus
    decide_permission = ""  # "app_label.codename" of the organizers' permission
    email_prefix = ""  # EmailTemplate names are f"{email_prefix}-{status}"

    status = models.CharField(
        max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    created_at = models.DateTimeField("submitted at", default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.status in ACCEPTED_STATES:
            PublicVersion.bump(self.event_id)

    @property
    def is_read_only(self):
        """Its edition is past (ecosystem_day/event/frozen.py): it shows, it no longer changes."""
        return self.event.is_read_only

    def can_be_withdrawn(self):
        return self.status != self.Status.WITHDRAWN and not self.is_read_only

    def email_context(self):
        """What the organizers' email templates may show about it (posters/emails.py)."""
        return emails.proposal_context(self)


class PosterProposal(Proposal):
    decide_permission = "posters.decide_posterproposal"
    email_prefix = "poster"

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="posters")
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="poster_proposals",
        help_text="Empty for an imported poster until a presenter claims it.",
    )
    title = models.CharField(max_length=TITLE_MAX)
    summary = models.TextField(
        max_length=SUMMARY_LIMIT,
        help_text="What the project, tool or library does and who it helps. The call's form "
        "holds it to the event's shortest and longest summary.",
    )
    authors = models.TextField(
        help_text="One name per line, in the order they should appear.",
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="posters")
    extra_topics = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="posters_also_under",
        verbose_name="also listed under",
        help_text="More topics from an imported catalogue; the first one is the topic above.",
    )
    # Null where a catalogue said `link: null`: exported as null again, and its "" as "".
    link = models.URLField(  # noqa: DJ001
        "project or paper link",
        max_length=500,
        blank=True,
        null=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Optional: the repository, paper or project page (http or https).",
    )

    tending_tracks = models.ManyToManyField(
        Track,
        blank=True,
        related_name="tended_posters",
        verbose_name="tended during",
        help_text="The sessions of the day in which the presenters stand by their poster.",
    )
    board_code = models.CharField(
        "board",
        max_length=6,
        blank=True,
        validators=[RegexValidator(BOARD_CODE_PATTERN, f"Not a board code. {BOARD_CODE_HELP}")],
        help_text=f"Where the poster hangs, unique within the event. {BOARD_CODE_HELP}",
    )
    poster_link = models.URLField(
        "full-size poster link",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Where the full poster is published elsewhere; shown while none is uploaded.",
    )
    thumbnail_link = models.URLField(
        "thumbnail link",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["https"])],
        help_text="An https address of a preview image; shown while none is uploaded.",
    )
    claim_email = models.EmailField(
        "presenter's email",
        blank=True,
        help_text="Unclaimed posters: the presenter who signs in with this email sees the "
        "poster on their page and can claim it.",
    )
    claim_token = models.CharField(max_length=64, blank=True, editable=False)
    image = models.FileField(upload_to="posters/", blank=True, editable=False)
    thumbnail = models.FileField(upload_to="posters/thumbnails/", blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "poster proposal"
        permissions = [("decide_posterproposal", "Can accept, reject or wait-list posters")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ProposalStatus.values),
                name="poster_status_valid",
            ),
            models.CheckConstraint(condition=~models.Q(title=""), name="poster_title_not_empty"),
            models.CheckConstraint(
                condition=~models.Q(authors=""), name="poster_authors_not_empty"
            ),
            models.UniqueConstraint(
                fields=["event", "board_code"],
                condition=~models.Q(board_code=""),
                name="board_code_unique_per_event",
                violation_error_message="Another poster of this event hangs on that board.",
            ),
            models.CheckConstraint(
                condition=models.Q(board_code="") | models.Q(board_code__regex=BOARD_CODE_PATTERN),
                name="board_code_letters_then_digits",
            ),
            models.UniqueConstraint(
                fields=["claim_token"],
                condition=~models.Q(claim_token=""),
                name="poster_claim_token_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            # The catalogue's order: a page's posters found without sorting the whole call.
            models.Index(fields=["event", "status", "title", "id"], name="poster_catalogue_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The submitter's own page for the proposal."""
        return reverse("poster_detail", args=[self.pk])

    def email_context(self):
        return {**super().email_context(), **emails.what_comes_next(self)}

    def get_public_url(self):
        """Its page in its edition's catalogue (under /<slug>/ for a past edition): answers
        404 unless the poster is accepted."""
        return object_url(self, "poster_public", [self.pk])

    def get_edit_url(self):
        return reverse("poster_edit", args=[self.pk])

    def get_withdraw_url(self):
        return reverse("poster_withdraw", args=[self.pk])

    def get_claim_url(self):
        """The invitation link (single use), or "" when there is none."""
        return reverse("poster_claim", args=[self.claim_token]) if self.claim_token else ""

    @property
    def board_row(self):
        """The row letters of its board code: "AA" for AA12."""
        return re.sub(r"\d+$", "", self.board_code)

    @property
    def is_claimed(self):
        return self.submitter_id is not None

    @property
    def author_list(self):
        return [name.strip() for name in self.authors.splitlines() if name.strip()]

    def can_be_edited(self, at=None):
        """Authors may change a proposal only while it awaits review and the call is open."""
        return (
            self.status == self.Status.SUBMITTED
            and call_for(self.event).is_open(at)
            and not self.is_read_only
        )


class PosterAuthor(models.Model):
    """One name of a poster's authors, written by PostgreSQL from the poster's `authors`,
    `status` and `event` on every insert, change and delete, bulk ones included (migration
    0003's trigger): the speakers page walks people by name in one index, at a constant cost
    whatever the size of the call."""

    poster = models.ForeignKey(PosterProposal, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    accepted = models.BooleanField(help_text="Whether the poster is accepted (listed publicly).")
    position = models.PositiveSmallIntegerField()
    name = models.TextField()
    key = models.TextField(help_text="The name as compared: spaces collapsed, lower case.")

    class Meta:
        ordering = ["key", "poster_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["poster", "position"], name="poster_author_once")
        ]
        indexes = [models.Index(fields=["event", "accepted", "key"], name="poster_author_by_name")]

    def __str__(self):
        return self.name


class ReviewBase(models.Model):
    """One reviewer's score and comment for one proposal (posters and breakouts alike)."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (weak) to 5 (excellent).",
    )
    comment = models.TextField(help_text="Seen by organizers and reviewers, never by authors.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reviewer"],
                name="%(app_label)s_%(class)s_one_per_reviewer",
                violation_error_message="You have already reviewed this proposal: "
                "edit your review instead.",
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5),
                name="%(app_label)s_%(class)s_score_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} on “{self.proposal}”: {self.score}/5"


class StatusChangeBase(models.Model):
    """The history of a proposal: who changed its status, when, from what to what, and why."""

    changed_by = recorded_by()
    changed_at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=12, choices=ProposalStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ProposalStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"


class Review(ReviewBase):
    proposal = models.ForeignKey(PosterProposal, on_delete=models.CASCADE, related_name="reviews")

    class Meta(ReviewBase.Meta):
        pass


class ReviewScore(CriterionScoreBase):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="criterion_scores")

    class Meta(CriterionScoreBase.Meta):
        pass


class ReviewAssignment(AssignmentBase):
    proposal = models.ForeignKey(
        PosterProposal, on_delete=models.CASCADE, related_name="assignments"
    )

    class Meta(AssignmentBase.Meta):
        pass


class StatusChange(StatusChangeBase):
    proposal = models.ForeignKey(
        PosterProposal, on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(StatusChangeBase.Meta):
        pass


# The edit log and the co-presenters live in their own modules; imported here so that Django
# registers them.
from .copresenters import CoPresenter  # noqa: E402, F401
from .edit_log import EditKind, PosterEdit  # noqa: E402, F401
