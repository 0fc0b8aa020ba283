"""What Posters adds to the home page: the catalogue, once posters are accepted."""

from django.template.loader import render_to_string

from ecosystem_day.event.signals import HomeSection

from .catalogue_facts import accepted_count

CATALOGUE = 40


def home_sections(sender, event, request, stage, now, **kwargs):
    accepted = accepted_count(event)
    if not accepted:
        return None
    # No request: the section reads nothing the context processors give.
    html = render_to_string("posters/_home_catalogue.html", {"accepted": accepted})
    return HomeSection(html=html, order=CATALOGUE)
