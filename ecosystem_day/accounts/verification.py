"""Proving that an account's email address is its own: a link sent there, followed once.

Sign-up sends it; the profile and /me/ send it again on request. Claiming a poster by the
email organizers gave it trusts only a verified address (posters.services.claim_poster).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ecosystem_day.infra.mail import queue_email

from .links import VERIFY_EMAIL, LinkRefused
from .models import User


def lifetime():
    """ "3 days", "12 hours": how long a verification link works."""
    return VERIFY_EMAIL.lifetime


def send_verification_link(user):
    """Queue the "Verify your email" message, in the caller's transaction; an address already
    verified gets nothing (returns None)."""
    if user.has_verified_email:
        return None
    return queue_email(
        "account-verify-email",
        user.email,
        {
            "name": user.name,
            "email": user.email,
            "site": urlsplit(settings.SITE_URL).netloc,
            "verify_url": VERIFY_EMAIL.make_url(user),
            "valid_for": lifetime(),
        },
    )


def _user_of(token, *, lock):
    pk = VERIFY_EMAIL.user_id(token)
    users = User.objects.filter(pk=pk, is_active=True)
    user = (users.select_for_update() if lock else users).first() if pk else None
    if user is None:
        raise LinkRefused("This link is not valid.")
    VERIFY_EMAIL.check(user, token)
    return user


def user_to_verify(token):
    """The account a link would verify, for the page that asks to confirm (LinkRefused if
    the link does not act)."""
    return _user_of(token, lock=False)


def verify_email(token, *, at=None):
    """Mark the link's account verified. Its row is locked while the link is checked, so of
    two clicks at once one verifies and the other finds the link used (LinkRefused)."""
    with transaction.atomic():
        user = _user_of(token, lock=True)
        user.email_verified_at = at or timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user
