from django.urls import path

from ecosystem_day.caching import cached

from .views import breakouts, feeds, me, schedule

urlpatterns = [
    # What every attendee loads: cached for anonymous visitors (ecosystem_day/caching.py).
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
    path("speakers/", cached()(schedule.SpeakersView.as_view()), name="speakers"),
    path("me/", me.MyProposalsView.as_view(), name="my_proposals"),
    path("breakouts/propose/", breakouts.ProposeBreakoutView.as_view(), name="breakout_propose"),
    path("me/breakouts/<int:pk>/", breakouts.BreakoutDetailView.as_view(), name="breakout_detail"),
    path(
        "me/breakouts/<int:pk>/withdraw/",
        breakouts.BreakoutWithdrawView.as_view(),
        name="breakout_withdraw",
    ),
]
