"""Login sessions: Django's database sessions, refusing session keys it could never have issued.

A session key comes from a cookie, so from anyone: one holding a NUL byte once reached the
query and answered 500. Keys Django makes are 32 lowercase letters and digits.
"""

import re

from django.contrib.sessions.backends import db

KEY = re.compile(r"[a-z0-9]{8,40}")


class SessionStore(db.SessionStore):
    def _validate_session_key(self, key):
        return bool(key) and KEY.fullmatch(key) is not None
