"""Co-presenters: the authors of a poster the submitter gave an email, invited by it.

An invited author joins by following the emailed link while signed in with that address,
verified; from then on they see the proposal on /me/, edit it while the call is open and
tend the accepted poster as its submitter does (posters/authorship.py says who may). The
names and their order stay in the poster's `authors` (what every public page, feed, the
importer and the exporter read); a co-presenter row adds an email, and an account once
joined, to one of those names.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from ecosystem_day.accounts.links import UserLink


class CoPresenter(models.Model):
    poster = models.ForeignKey(
        "posters.PosterProposal", on_delete=models.CASCADE, related_name="copresenters"
    )
    name = models.CharField(max_length=120, help_text="As written among the poster's authors.")
    email = models.EmailField(help_text="Where the invitation goes; never shown publicly.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="account",
        help_text="Empty until the invited author joins with this email, verified.",
    )
    invited_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["poster", "invited_at", "pk"]
        verbose_name = "co-presenter"
        constraints = [
            models.UniqueConstraint(
                "poster",
                Lower("email"),
                name="copresenter_email_once_per_poster",
                violation_error_message="This email is already among the poster's co-presenters.",
            ),
            models.UniqueConstraint(
                fields=["poster", "user"],
                condition=models.Q(user__isnull=False),
                name="copresenter_account_once_per_poster",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=True, joined_at__isnull=True)
                | models.Q(user__isnull=False, joined_at__isnull=False),
                name="copresenter_joined_with_an_account",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def has_joined(self):
        return self.user_id is not None


def _invitation_state(copresenter):
    """What joining (or a new invitation, or another address) changes: a used or replaced
    link fails its signature."""
    joined = copresenter.joined_at.isoformat() if copresenter.joined_at else ""
    return f"{copresenter.email.lower()}|{copresenter.invited_at.isoformat()}|{joined}"


# Built like the account links (ecosystem_day/accounts/links.py): signed, timestamped, single
# use, expiring after COPRESENTER_INVITATION_MAX_AGE. It names a co-presenter row, not a user.
INVITATION = UserLink(
    purpose="copresenter-invitation",
    url_name="copresenter_join",
    state=_invitation_state,
    max_age_setting="COPRESENTER_INVITATION_MAX_AGE",
)
