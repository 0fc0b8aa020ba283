"""Who the authors of a proposal are, as accounts: its submitter and the co-presenters who
joined. One answer for every rule that asks (editing, tending, /me/, and reviewers' conflicts
of interest: a reviewer never reviews a proposal they wrote)."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from .copresenters import CoPresenter
from .models import PosterProposal


def _joined(proposal):
    """The co-presenters who joined, for a poster; none for another kind of proposal (a
    breakout's authors are its submitter: ask about its poster for the poster's)."""
    if not isinstance(proposal, PosterProposal):
        return CoPresenter.objects.none()
    return CoPresenter.objects.filter(poster_id=proposal.pk, user__isnull=False)


def user_authors(proposal):
    """The accounts that author `proposal`: its submitter (if it has one yet) and every
    co-presenter who joined; one query."""
    joined = _joined(proposal).values("user_id")
    return (
        get_user_model()
        .objects.filter(Q(pk=proposal.submitter_id) | Q(pk__in=joined))
        .order_by("pk")
    )


def is_author(user, proposal):
    """Whether `user` submitted `proposal` or co-presents it (a removed co-presenter does
    not: their row is gone); no query for the submitter or an anonymous visitor."""
    if not getattr(user, "is_authenticated", False):
        return False
    if proposal.submitter_id is not None and proposal.submitter_id == user.pk:
        return True
    return _joined(proposal).filter(user_id=user.pk).exists()


def authored_by(user):
    """A filter of the posters `user` submitted or co-presents (one subquery, no join)."""
    return Q(submitter=user) | Q(pk__in=CoPresenter.objects.filter(user=user).values("poster_id"))


def name_key(name):
    """A name as compared: spaces collapsed, any letter case (as PosterAuthor.key)."""
    return " ".join(name.split()).casefold()


def author_rows(poster):
    """(name, email, co-presenter or None) for each of the poster's authors, in order: each
    co-presenter beside the first author of its name not yet matched (an author list an
    import renamed keeps its co-presenters listed, after the names)."""
    unmatched = list(poster.copresenters.all())
    rows = []
    for name in poster.author_list:
        match = next((c for c in unmatched if name_key(c.name) == name_key(name)), None)
        if match is not None:
            unmatched.remove(match)
        rows.append((name, match.email if match else "", match))
    return rows + [(c.name, c.email, c) for c in unmatched]
