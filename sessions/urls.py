from django.urls import path

from ecosystem_day.event.caching import cached

from .views import agenda, breakouts, changes, feeds, join, my_proposals, recap, schedule, speakers

urlpatterns = [
    # What every attendee loads: cached for anonymous visitors (ecosystem_day/event/caching.py).
    path(
        "schedule/",
        cached(params=("format", "topic"))(schedule.ScheduleView.as_view()),
        name="schedule",
    ),
    path("schedule.ics", cached()(feeds.schedule_ics), name="schedule_ics"),
    path("schedule.json", cached()(feeds.schedule_json), name="schedule_json"),
    path("schedule.xml", cached()(feeds.schedule_xml), name="schedule_xml"),
    path("schedule.frab.json", cached()(feeds.schedule_frab_json), name="schedule_frab_json"),
    path("schedule/<int:pk>/", cached()(schedule.ScheduleItemView.as_view()), name="schedule_item"),
    path("schedule/<int:pk>.ics", cached()(feeds.schedule_item_ics), name="schedule_item_ics"),
    # Never cached: who may join is checked at each click (sessions/views/join.py).
    path("schedule/<int:pk>/join", join.JoinView.as_view(), name="schedule_join"),
    path(
        "speakers/", cached(params=("from", "q"))(speakers.SpeakersView.as_view()), name="speakers"
    ),
    path("breakouts/propose/", breakouts.ProposeBreakoutView.as_view(), name="breakout_propose"),
    # My agenda (sessions/views/agenda.py): stars, the personal and per-track calendars.
    path("schedule/star", agenda.star, name="star"),
    path("schedule/mine/", cached()(agenda.mine), name="agenda"),
    path("schedule/mine.json", agenda.mine_json, name="agenda_json"),
    path("schedule/mine/merge", agenda.merge, name="agenda_merge"),
    path("schedule/mine/new-link", agenda.renew_feed, name="agenda_feed_renew"),
    path("schedule/mine/<slug:token>.ics", agenda.agenda_ics, name="agenda_feed"),
    path("schedule/<slug:track_slug>.ics", cached()(agenda.track_ics), name="track_ics"),
    # The change log (sessions/views/changes.py).
    path("schedule/changes/", cached()(changes.change_log), name="schedule_changes"),
    path("schedule/changes.json", cached()(changes.changes_json), name="schedule_changes_json"),
]

urlpatterns += [
    path("recap/", cached()(recap.RecapView.as_view()), name="recap"),
]

# Under /me/ (the URLconf, ecosystem_day/urls.py, mounts them): the page of everything the
# person proposed, here because only the breakouts app knows both kinds, and their breakouts.
mine = [
    path("", my_proposals.MyProposalsView.as_view(), name="my_proposals"),
    path("breakouts/<int:pk>/", breakouts.BreakoutDetailView.as_view(), name="breakout_detail"),
    path(
        "breakouts/<int:pk>/withdraw/",
        breakouts.BreakoutWithdrawView.as_view(),
        name="breakout_withdraw",
    ),
]
