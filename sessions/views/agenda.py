"""My agenda: stars, /schedule/mine/, its JSON, the merge at log-in, and the calendar feeds
(one per track, and a personal one at a secret, revocable address).

Anonymous visitors keep their stars in the browser (static/js/agenda.js), so the pages they
load stay the same for everyone and cacheable; signed-in visitors keep them in their account.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import TemplateView

from ecosystem_day.event.mixins import CurrentEventMixin
from ecosystem_day.registration.models import ACTIVE_STATES, Registration

from .. import agenda
from ..calendar import CalendarFeed, CancelledItem
from ..models import AgendaFeed
from ..published import published
from ..snapshot import latest_release
from .feeds import FeedView, origin_of

ANONYMOUS_STAR = (
    "Log in to keep your agenda in your account. With JavaScript on, the stars you add are "
    "kept in this browser without an account."
)


def safe_next(request, default):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return default


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def private(response):
    """Per-person answers: no shared or browser cache may keep them."""
    response["Cache-Control"] = "private, no-store"
    return response


@method_decorator(csrf_exempt, name="dispatch")  # anonymous visitors post no token: see post()
class StarView(CurrentEventMixin, View):
    """Star or unstar an item (the form in _star.html), then go back where the visitor was.

    Cached pages carry no CSRF token, so an anonymous visitor without JavaScript posts none:
    they are sent to log in. A signed-in visitor's post is checked like any other.
    """

    http_method_names = ["post"]

    def post(self, request):
        back = safe_next(request, reverse("agenda"))
        if not request.user.is_authenticated:
            if wants_json(request):
                return JsonResponse({"error": ANONYMOUS_STAR}, status=403)
            messages.info(request, ANONYMOUS_STAR)
            return redirect_to_login(back)
        return self.star(request, back)

    @method_decorator(csrf_protect)
    def star(self, request, back):
        guid = agenda.as_guid(request.POST.get("guid", ""))
        if guid is None:
            return HttpResponseBadRequest("Say which item to star: its guid is missing or wrong.")
        wanted = {"1": True, "0": False}.get(request.POST.get("starred", ""))
        try:
            starred = agenda.set_star(
                request.user,
                self.event,
                guid,
                release=latest_release(self.event),
                starred=wanted,
            )
        except LookupError as refusal:
            raise Http404(str(refusal)) from refusal
        if wants_json(request):
            return private(JsonResponse({"guid": str(guid), "starred": starred}))
        return redirect(back)


class MineView(CurrentEventMixin, TemplateView):
    """Signed in: the starred items and both sessions' blocks, plus the calendar links.
    Anonymous: every item, which agenda.js narrows to the browser's stars. Marked now, next
    and ended as the schedule is, so a copy is kept only until the next item starts or ends."""

    template_name = "sessions/mine.html"

    def get(self, request, *args, **kwargs):
        self.programme = published(self.event)
        response = super().get(request, *args, **kwargs)
        response.changes_at = self.programme.changes_at()
        return response

    def get_context_data(self, **kwargs):
        programme = self.programme
        user = self.request.user
        starred = agenda.starred_guids(user, self.event) if user.is_authenticated else None
        items, cancelled = agenda.agenda(self.event, programme, starred)
        feed = registration = None
        if user.is_authenticated:
            feed = AgendaFeed.objects.filter(user=user, event=self.event).first()
            # Theirs, for the switch of the reminders before starred items.
            registration = Registration.objects.filter(
                event=self.event, user=user, status__in=ACTIVE_STATES
            ).first()
        return super().get_context_data(
            release=programme.release,
            signed_in=user.is_authenticated,
            items=items,
            cancelled=cancelled,
            starred=set(starred or ()),
            day_starts=min((item.starts_at for item in programme.items), default=None),
            day_ends=max((item.ends_at for item in programme.items), default=None),
            feed_url=self.request.build_absolute_uri(feed.get_absolute_url()) if feed else "",
            # Each item's calendar file is this plus "<id>.ics": one reverse() for the page.
            ics_prefix=reverse("schedule_item_ics", args=[0]).removesuffix("0.ics"),
            track_feeds=programme.tracks,
            registration=registration,
            **kwargs,
        )


class MineJsonView(CurrentEventMixin, View):
    """The signed-in visitor's stars, for agenda.js to mark them on any page."""

    def get(self, request):
        user = request.user
        stars = agenda.starred_guids(user, self.event) if user.is_authenticated else []
        return private(JsonResponse({"signed_in": user.is_authenticated, "stars": stars}))


class MergeView(CurrentEventMixin, View):
    """The stars a browser kept before log-in, added to the account (agenda.js posts them)."""

    http_method_names = ["post"]

    def post(self, request):
        if not request.user.is_authenticated:
            return JsonResponse({"error": "Log in first: stars merge into an account."}, status=403)
        merged = agenda.merge_stars(
            request.user,
            self.event,
            request.POST.getlist("guid"),
            release=latest_release(self.event),
        )
        return private(JsonResponse({"merged": merged}))


class RenewFeedView(CurrentEventMixin, View):
    """Make (or remake) the secret address of the personal calendar; the old one stops."""

    http_method_names = ["post"]

    def post(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("agenda"))
        had_one = AgendaFeed.objects.filter(user=request.user, event=self.event).exists()
        agenda.renew_feed(request.user, self.event)
        messages.success(
            request,
            "Your calendar has a new secret link; the old one no longer works."
            if had_one
            else "Your calendar link is ready: add it to your calendar app.",
        )
        return redirect(reverse("agenda") + "#calendar")


class TrackCalendarView(FeedView):
    """One session of the day as a calendar: its items and the blocks for both sessions."""

    def feed(self, request, track_slug):
        tracks = self.programme.tracks or self.event.tracks.only("slug", "name")
        track = next((track for track in tracks if track.slug == track_slug), None)
        if track is None:
            raise Http404("No session of the day has that name.")
        return CalendarFeed(
            self.programme,
            name=f"{self.event.name} · {track.name}",
            filename=f"{self.event.slug}-{track_slug}.ics",
            items=[item for item in self.programme.items if item.track_slug in (track_slug, None)],
            origin=origin_of(request),
        ).response()


class AgendaCalendarView(View):
    """Someone's starred items as a calendar, at the secret address only they were given;
    those cancelled since stay on it as cancelled events."""

    def get(self, request, token):
        feed = get_object_or_404(AgendaFeed.objects.select_related("event"), token=token)
        programme = published(feed.event)
        starred = set(agenda.starred_guids(feed.user_id, feed.event))
        gone = agenda.cancelled_items(feed.event, starred - {item.guid for item in programme.items})
        calendar = CalendarFeed(
            programme,
            name=f"{feed.event.name} · my agenda",
            filename=f"{feed.event.slug}-my-agenda.ics",
            items=[item for item in programme.items if item.guid in starred],
            cancelled=[CancelledItem.from_change_log(item) for item in gone.values()],
            origin=origin_of(request),
        )
        return private(calendar.response())


star = StarView.as_view()
mine = MineView.as_view()
mine_json = MineJsonView.as_view()
merge = MergeView.as_view()
renew_feed = RenewFeedView.as_view()
track_ics = TrackCalendarView.as_view()
agenda_ics = AgendaCalendarView.as_view()
