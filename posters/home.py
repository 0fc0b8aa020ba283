"""What Posters adds to the home page: the catalogue, once posters are accepted."""

from django.template.loader import render_to_string

from ecosystem_day.event.signals import HomeSection

from .models import ACCEPTED_STATES, PosterProposal

CATALOGUE = 40


def home_sections(sender, event, request, stage, now, **kwargs):
    accepted = PosterProposal.objects.filter(event=event, status__in=ACCEPTED_STATES).count()
    if not accepted:
        return None
    html = render_to_string("posters/_home_catalogue.html", {"accepted": accepted}, request)
    return HomeSection(html=html, order=CATALOGUE)
