"""/favicon.ico, which browsers ask for on a first visit whatever the page links to."""

from django.contrib.staticfiles import finders
from django.http import FileResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(public=True, max_age=7 * 24 * 60 * 60)
def favicon(request):
    return FileResponse(open(finders.find("favicon.ico"), "rb"), content_type="image/x-icon")
