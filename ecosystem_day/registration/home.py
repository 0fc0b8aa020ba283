"""What Registration adds to the home page: how to register, until registration closes."""

from datetime import timedelta

from django.template.loader import render_to_string

from ecosystem_day.event.signals import HomeSection

from .models import RegistrationSettings

REGISTER = 20  # after what is on now, before the programme


def home_sections(sender, event, request, stage, now, **kwargs):
    try:
        found = event.registration_settings  # fetched with the current edition
    except RegistrationSettings.DoesNotExist:
        return None
    closed = not found.is_external and not found.is_open(now) and not found.has_not_opened(now)
    if closed:
        return None
    html = render_to_string(
        "registration/_home_register.html",
        {"registration_settings": found, "event": event, "now": now},
        request,
    )
    changes_at = None
    if not found.is_external:
        changes_at = (
            found.opens_at if found.has_not_opened(now) else found.closes_at + timedelta(seconds=1)
        )
    return HomeSection(html=html, order=REGISTER, changes_at=changes_at)
