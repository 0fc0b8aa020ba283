"""`{% agenda_assets %}`: the agenda's script and stylesheet, once per page however many
stars the page holds (_star.html is included in every item of the schedule).

`{% star item.guid item.title %}`: "sessions/_star.html" for one item, as `{% include ...
with guid=... title=... %}` would write it. The form is the same for every item of a page
but for its guid and title, so the template is rendered once per page with markers in their
place and each item's escaped values replace them: 37 includes cost half a cold render.
"""

from html import escape

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

STAR = "sessions/_star.html"
# Private use characters, which escaping keeps. A guid is a UUID, and the title goes in last,
# so no item's own text is ever taken for a marker.
GUID_MARK = "\ue000guid\ue000"
TITLE_MARK = "\ue000title\ue000"
NOT_GIVEN = object()


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


def _star_forms(context, starred):
    """The form with markers, rendered once per page (and `starred`): the first copy carries
    the agenda's assets when the page has not given them yet, the second serves every later
    item."""
    key = ("star_forms", starred is NOT_GIVEN, starred if starred is not NOT_GIVEN else None)
    forms = context.render_context.get(key)
    if forms is None:
        star_template = context.template.engine.get_template(STAR)
        values = {"guid": GUID_MARK, "title": TITLE_MARK}
        if starred is not NOT_GIVEN:
            values["starred"] = starred
        with context.push(**values):
            forms = [star_template.render(context), star_template.render(context)]
        context.render_context[key] = forms
    return forms


def star_form(context, guid, title, starred=NOT_GIVEN):
    forms = _star_forms(context, starred)
    form = forms.pop(0) if len(forms) > 1 else forms[0]
    return mark_safe(  # noqa: S308 - the template escaped the rest, the values are escaped here
        form.replace(GUID_MARK, escape(str(guid))).replace(TITLE_MARK, escape(str(title)))
    )


@register.simple_tag(takes_context=True)
def star(context, guid, title, starred=NOT_GIVEN):
    return star_form(context, guid, title, starred)
