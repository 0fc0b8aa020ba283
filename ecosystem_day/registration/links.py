"""The sign-in link a registration's emails carry: no password, the address proves who it is.

It is an `accounts.links.UserLink` over the registration (Django's signed, timestamped
value, salted with the link's purpose and the registration's state): its state holds the
address and the last time a link was used, so a link works once and only for the address
it was sent to, for REGISTRATION_SIGN_IN_MAX_AGE. Following it signs into the account with
that address (created if there is none), which the link proves is theirs.
"""

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from ..accounts.links import LinkRefused, UserLink
from ..accounts.models import User
from .models import Registration


def _sign_in_state(registration):
    used = registration.signed_in_at.isoformat() if registration.signed_in_at else ""
    return f"{registration.email.lower()}|{used}"


SIGN_IN = UserLink(
    purpose="registration-sign-in",
    url_name="registration_sign_in",
    state=_sign_in_state,
    max_age_setting="REGISTRATION_SIGN_IN_MAX_AGE",
)


def lifetime():
    """ "2 days", "12 hours": how long a sign-in link works."""
    return SIGN_IN.lifetime


def _registration_of(token, *, lock):
    pk = SIGN_IN.user_id(token)
    registrations = Registration.objects.filter(pk=pk, anonymised_at__isnull=True)
    if lock:
        registrations = registrations.select_for_update()
    registration = registrations.select_related("event").first() if pk else None
    if registration is None:
        raise LinkRefused("This link is not valid.")
    SIGN_IN.check(registration, token)
    return registration


def registration_to_sign_in(token):
    """The registration a link names, for the page that asks to confirm (LinkRefused if the
    link does not act)."""
    return _registration_of(token, lock=False)


def sign_in_with_link(token, *, at=None):
    """The account the link signs into, its registration linked to it; the registration's row
    is locked while the link is checked, so of two clicks one signs in, the other finds the
    link used. An account that never proved this address is verified now and loses its
    password: whoever set it had not shown the address was theirs."""
    at = at or timezone.now()
    with transaction.atomic():
        registration = _registration_of(token, lock=True)
        user = User.objects.select_for_update().filter(email__iexact=registration.email).first()
        if user is None:
            user = User.objects.create_user(
                registration.email, name=registration.name, email_verified_at=at
            )
        elif not user.is_active:
            raise LinkRefused("This account is disabled.")
        elif not user.has_verified_email:
            user.email_verified_at, user.password = at, make_password(None)
            user.save(update_fields=["email_verified_at", "password"])
        registration.user, registration.signed_in_at = user, at
        registration.save(update_fields=["user", "signed_in_at"])
    return user
