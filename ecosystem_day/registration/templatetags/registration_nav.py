"""The menu's registration links. Public pages are one cached copy for every anonymous
visitor, so what differs by person follows the menu's sign-in state: anonymous pages (the
shared copy) offer "Register"; a signed-in visitor's page, which is never cached, puts "My
registration" in the account's menu when they hold one (one query, signed-in pages only)."""

from django import template
from django.utils.html import format_html

from ecosystem_day.event.templatetags.site_nav import nav_link

from ..models import ACTIVE_STATES, Registration, RegistrationSettings

register = template.Library()


def settings_of(event):
    """The current edition's registration settings, fetched with it (no query), or None."""
    if event is None or not event.is_current:
        return None
    try:
        return event.registration_settings
    except RegistrationSettings.DoesNotExist:
        return None


def signed_in(request):
    """A page rendered without a request (an error page) has nobody signed in."""
    return request is not None and request.user.is_authenticated


def holds_one(request, event_id):
    """Whether the signed-in visitor is registered (or on the wait list) for the edition:
    asked once per request, whichever of the menu's parts asks first."""
    if not hasattr(request, "_registered_for_menu"):
        request._registered_for_menu = Registration.objects.filter(
            event_id=event_id, user=request.user, status__in=ACTIVE_STATES
        ).exists()
    return request._registered_for_menu


@register.simple_tag(takes_context=True)
def register_link(context):
    """`{% register_link %}` among the site's pages: "Register", to the external address
    organizers gave or to the form until registration closes, for anyone not registered."""
    found = settings_of(context.get("event"))
    request = context.get("request")
    if found is None or (signed_in(request) and holds_one(request, found.event_id)):
        return ""
    if found.is_external:
        return format_html(
            '<li class="nav-item"><a class="nav-link" href="{}" rel="noopener">Register</a></li>',
            found.external_url,
        )
    if found.is_open() or found.has_not_opened():
        link = nav_link(context, "register", "Register")
        return format_html('<li class="nav-item">{}</li>', link)
    return ""


@register.simple_tag(takes_context=True)
def my_registration_link(context):
    """`{% my_registration_link %}` in the account's menu: "My registration" for a visitor
    registered (or on the wait list) for the current edition."""
    found = settings_of(context.get("event"))
    request = context.get("request")
    if found is None or not signed_in(request):
        return ""
    if not holds_one(request, found.event_id):
        return ""
    link = nav_link(context, "my_registration", "My registration", "dropdown-item")
    return format_html("<li>{}</li>", link)
