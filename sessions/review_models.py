"""A breakout review's criterion scores and the breakouts' review assignments: the posters'
machinery (posters/review_models.py) for breakouts."""

from django.db import models

from posters.review_models import AssignmentBase, CriterionScoreBase


class BreakoutReviewScore(CriterionScoreBase):
    review = models.ForeignKey(
        "breakouts.BreakoutReview", on_delete=models.CASCADE, related_name="criterion_scores"
    )

    class Meta(CriterionScoreBase.Meta):
        verbose_name = "breakout review score"


class BreakoutReviewAssignment(AssignmentBase):
    proposal = models.ForeignKey(
        "breakouts.BreakoutProposal", on_delete=models.CASCADE, related_name="assignments"
    )

    class Meta(AssignmentBase.Meta):
        verbose_name = "breakout review assignment"
