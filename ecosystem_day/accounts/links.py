"""Links we email to a person that act for their account: single use, expiring, one per purpose.

A link's token is Django's signed, timestamped value (`django.core.signing.TimestampSigner`):
the account's id, signed with SECRET_KEY (and its fallbacks, so rotating the key ends no link
early) under a salt made of the link's purpose and the account's *state*. The state is what
using the link changes (for "verify your email", the address and when it was verified), so a
used link, or one sent to an address the account no longer has, fails its signature: single
use without a table of issued tokens, as Django's password-reset tokens do with the password
hash. Each purpose names its own lifetime setting, read when the link is checked.

Today: VERIFY_EMAIL. A passwordless "sign-in link" would be one more `UserLink` whose state
includes `last_login` (signing in changes it), with its own purpose and lifetime.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from .models import User

SEP = ":"  # what django.core.signing puts between the value, the timestamp and the signature


class LinkRefused(Exception):
    """The link does not act (any more); the message says why, for the person who followed it."""


class LinkExpired(LinkRefused):
    """The link was genuine but is older than its purpose's lifetime."""


@dataclass(frozen=True)
class UserLink:
    purpose: str  # part of the signature's salt: a token made for one purpose fails any other
    url_name: str  # the view that takes the token
    state: Callable[[User], str]  # changes when the link is used: what makes it single use
    max_age_setting: str  # the name of the setting that holds its lifetime (a timedelta)

    @property
    def max_age(self):
        return getattr(settings, self.max_age_setting)

    @property
    def lifetime(self):
        """ "3 days", "12 hours": how long the link works, as emails and pages say it."""
        seconds = int(self.max_age.total_seconds())
        days, hours = seconds // 86400, seconds // 3600
        if days and seconds % 86400 == 0:
            return f"{days} day{'s' if days > 1 else ''}"
        return f"{hours} hour{'s' if hours != 1 else ''}"

    def _signer(self, user):
        salt = f"ecosystem_day.accounts.links.{self.purpose}:{self.state(user)}"
        return signing.TimestampSigner(salt=salt)

    def make_token(self, user):
        return self._signer(user).sign(urlsafe_base64_encode(force_bytes(user.pk)))

    def make_url(self, user):
        """The absolute link for the email."""
        return settings.SITE_URL + reverse(self.url_name, args=[self.make_token(user)])

    def user_id(self, token):
        """The account a token names, not yet trusted (None if it names none): the caller
        loads (and locks) that row, then `check`s the token against it."""
        uidb64 = token.split(SEP, 1)[0]
        try:
            return int(force_str(urlsafe_base64_decode(uidb64)))
        except (ValueError, TypeError, OverflowError):
            return None

    def check(self, user, token):
        """Raise LinkRefused (or LinkExpired) unless `token` was made for `user` as it is now."""
        expected = urlsafe_base64_encode(force_bytes(user.pk))
        try:
            value = self._signer(user).unsign(token, max_age=self.max_age)
        except signing.SignatureExpired as error:
            raise LinkExpired("This link has expired.") from error
        except signing.BadSignature as error:
            raise LinkRefused("This link has already been used, or is no longer valid.") from error
        if value != expected:
            raise LinkRefused("This link has already been used, or is no longer valid.")


def _email_state(user):
    verified = user.email_verified_at.isoformat() if user.email_verified_at else ""
    return f"{user.email.lower()}|{verified}"


VERIFY_EMAIL = UserLink(
    purpose="verify-email",
    url_name="verify_email",
    state=_email_state,
    max_age_setting="EMAIL_VERIFICATION_MAX_AGE",
)

# Every purpose's view: the outbox hides links to them (ecosystem_day/infra/mail/outbox.py).
LINKS = (VERIFY_EMAIL,)
