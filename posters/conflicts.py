"""Conflicts of interest: nobody reviews, nor is assigned, a proposal they wrote.

The one place that says who wrote a poster: its submitter, and any of its authors (the
`PosterAuthor` rows PostgreSQL keeps from the authors' lines) whose name, compared as the
trigger compares it, is the person's full name. Authors with an email or an account will be
matched here too, in `poster_author_filter`, and nowhere else. A breakout's authors are its
submitter and its poster's (BreakoutProposal.authored_by).
"""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q

from .models import CoPresenter, PosterAuthor, PosterProposal

AUTHOR_REFUSAL = "You wrote “{title}” (or co-wrote it): someone else reviews it."


def name_key(name):
    """A name as migration 0003's trigger keys it: trimmed, spaces collapsed, lower case."""
    return " ".join((name or "").split()).lower()


def poster_author_filter(user, via=""):
    """A Q on posters, or with `via` ("poster") on rows that point to a poster by that field,
    true where `user` submitted the poster or is one of its authors by name."""
    prefix, outer = (f"{via}__", via) if via else ("", "pk")
    submitted = Q(**{f"{prefix}submitter": user.pk})
    # A co-presenter (posters/copresenters.py) who joined, or who was invited at this address.
    invited = CoPresenter.objects.filter(poster=OuterRef(outer)).filter(
        Q(user=user.pk) | Q(email__iexact=getattr(user, "email", "") or None)
    )
    submitted |= Q(Exists(invited))
    key = name_key(getattr(user, "name", ""))
    if not key:
        return submitted
    return submitted | Q(Exists(PosterAuthor.objects.filter(poster=OuterRef(outer), key=key)))


def authorship(model, user):
    """A Q on `model`'s proposals (posters or breakouts) that `user` wrote or co-wrote: a
    poster's authors are said here, a breakout's by its model (its submitter and its
    poster's authors, through `poster_author_filter`)."""
    if issubclass(model, PosterProposal):
        return poster_author_filter(user)
    return model.authored_by(user)


def proposals_authored_by(model, user):
    """The proposals of `model` (posters or breakouts) that `user` wrote or co-wrote."""
    return model.objects.filter(authorship(model, user))


def is_author(user, proposal):
    return proposals_authored_by(type(proposal), user).filter(pk=proposal.pk).exists()


def check_not_author(user, proposal):
    """Raise if `user` wrote `proposal`: the rule save_review and the assignments keep."""
    if is_author(user, proposal):
        raise ValidationError(AUTHOR_REFUSAL.format(title=proposal.title))
