from .models import Event


def current_event(request):
    """The edition every page talks about, fetched once per request."""
    if not hasattr(request, "current_event"):
        request.current_event = Event.objects.current()
    return {"event": request.current_event}
