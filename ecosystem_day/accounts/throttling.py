"""Throttles for the account pages: log-in (django-axes); sign-up, reset and verification
links (django-ratelimit)."""

from http import HTTPStatus

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit


def attempted_email(request, credentials):
    """What axes counts failed log-ins under: the email as log-in reads it, whatever its case."""
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    return typed.strip().lower()


def too_many_attempts(request, exception):
    """The page a throttled sign-up or reset gets: why, and when to try again."""
    return TemplateResponse(
        request, "registration/throttled.html", status=HTTPStatus.TOO_MANY_REQUESTS
    )


def throttled(setting, key="ip"):
    """Limit a view's POSTs per client address (or per `key`, as django-ratelimit reads it:
    "user") to the rate named by `setting` ("20/h")."""
    return method_decorator(
        ratelimit(
            key=key,
            rate=lambda group, request: getattr(settings, setting),
            method="POST",
            block=True,
        ),
        name="post",
    )
