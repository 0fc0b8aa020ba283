from .models import current_edition


def current_event(request):
    """The edition every page talks about, fetched once per request."""
    if not hasattr(request, "current_event"):
        request.current_event = current_edition(request)
    return {"event": request.current_event}
