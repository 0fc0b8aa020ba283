"""The menu's links, each knowing whether it is the page (or the section) being shown."""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html

from ecosystem_day.infra.memo import memoize

register = template.Library()

# The pages a menu item stands for, beyond its own: a poster's page is under "Posters".
SECTIONS = {
    "schedule": {"schedule_item"},
    "poster_catalogue": {"poster_public"},
    "my_proposals": {
        "poster_detail",
        "poster_edit",
        "poster_image",
        "poster_tending",
        "poster_withdraw",
        "poster_submitted",
        "breakout_detail",
        "breakout_withdraw",
        "breakout_propose",
    },
}


@memoize(maxsize=256)
def _href(url_name, urlconf, prefix):
    """A menu link's address, once per URLconf (each edition has its own) and script prefix."""
    return reverse(url_name, urlconf=urlconf)


@register.simple_tag(takes_context=True)
def nav_link(context, url_name, label, css="nav-link"):
    """`{% nav_link "schedule" "Schedule" %}`: `aria-current="page"` on the page itself,
    `aria-current="true"` on the item of the section it belongs to. `css` is the link's class
    (`"dropdown-item"` in the account's menu)."""
    match = getattr(context.get("request"), "resolver_match", None)
    current = match.url_name if match else None
    href = _href(url_name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    if current == url_name:
        state = "page"
    elif current in SECTIONS.get(url_name, ()):
        state = "true"
    else:
        return format_html('<a class="{}" href="{}">{}</a>', css, href, label)
    return format_html(
        '<a class="{} active" aria-current="{}" href="{}">{}</a>', css, state, href, label
    )
