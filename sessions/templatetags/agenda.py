"""`{% agenda_assets %}`: the agenda's script and stylesheet, once per page however many
stars the page holds (_star.html is included in every item of the schedule)."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def agenda_assets(context):
    request = context.get("request")
    if request is None or getattr(request, "agenda_assets_given", False):
        return ""
    request.agenda_assets_given = True
    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}" defer></script>',
        static("css/agenda.css"),
        static("js/agenda.js"),
    )
